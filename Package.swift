// swift-tools-version:6.1
import PackageDescription

/// Every Swift target gets Swift 6 mode plus the upcoming features of the house style.
let settings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "user-rules-conformance",
  products: [.executable(name: "harness", targets: ["harness"])],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    .target(name: "ReferenceModel", exclude: ["IAM"], swiftSettings: settings),
    // The IAM model, a module of its own inside ReferenceModel's folder: as pure as the rest of
    // the reference model, but kept out of the fuzz binaries, which link ReferenceModel and
    // would otherwise pay libFuzzer's per-run scan of its coverage counters (issue #7).
    .target(
      name: "IAMModel", dependencies: ["ReferenceModel"], path: "Sources/ReferenceModel/IAM",
      swiftSettings: settings),
    .systemLibrary(
      name: "CJSONC", pkgConfig: "json-c",
      providers: [.apt(["libjson-c-dev", "pkg-config"])]),
    // glibc calls Swift's Glibc module does not show (CPU affinity, under _GNU_SOURCE).
    .target(name: "CSystemShims"),
    .target(
      name: "Conformance", dependencies: ["ReferenceModel", "IAMModel", "CJSONC", "CSystemShims"],
      swiftSettings: settings),
    // Token files and RSA signatures (swift-crypto), kept apart so that the fuzz builds of
    // Conformance do not compile BoringSSL.
    .target(
      name: "TokenSigning",
      dependencies: [
        "Conformance", "ReferenceModel", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
      ],
      swiftSettings: settings),
    // SigV4's SHA-256 and HMAC (swift-crypto) for the IAM profile, apart for the same reason.
    .target(
      name: "SigV4Crypto",
      dependencies: ["Conformance", .product(name: "Crypto", package: "swift-crypto")],
      swiftSettings: settings),
    .target(name: "Fuzz", dependencies: ["ReferenceModel"], swiftSettings: settings),
    // Header-only: declares libFuzzer's LLVMFuzzerRunDriver for the Fuzz<Target> glue.
    .target(name: "CLibFuzzer"),
    .executableTarget(
      name: "FuzzCommandLine", dependencies: ["Fuzz", "CLibFuzzer"], swiftSettings: settings),
    .executableTarget(
      name: "FuzzModel", dependencies: ["Fuzz", "CLibFuzzer"], swiftSettings: settings),
    // The SUT output reader lives in Conformance (json-c), so its glue depends on Conformance.
    .executableTarget(
      name: "FuzzSUTOutput", dependencies: ["Conformance", "CLibFuzzer"], swiftSettings: settings),
    // The token file reader too (json-c); its check signs with symbolic keys (no swift-crypto).
    .executableTarget(
      name: "FuzzTokenFile", dependencies: ["Conformance", "CLibFuzzer"], swiftSettings: settings),
    .executableTarget(
      name: "harness",
      dependencies: [
        "Conformance", "ReferenceModel", "IAMModel", "TokenSigning", "SigV4Crypto",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: settings),
    .testTarget(
      name: "ReferenceModelTests",
      dependencies: [
        "ReferenceModel", "IAMModel",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["Snapshots"],
      swiftSettings: settings),
    .testTarget(
      name: "ConformanceTests",
      dependencies: ["Conformance", "ReferenceModel", "IAMModel", "TokenSigning", "SigV4Crypto"],
      exclude: ["Fixtures", "Snapshots"], swiftSettings: settings),
    .testTarget(
      name: "FuzzTests",
      dependencies: [
        "Fuzz", "ReferenceModel", "Conformance",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["Corpus"],
      swiftSettings: settings),
    .testTarget(name: "ArchitectureTests", swiftSettings: settings),
  ]
)
