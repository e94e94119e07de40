import Conformance
import Foundation
import Testing

/// `CPUPinning` keeps a job's thread, and what it starts, on one CPU while it runs, and only
/// then. The checks that pinning changes something need at least two CPUs; on one CPU only
/// "nothing breaks" can be checked.
#if os(Linux)
  struct CPUPinningTests {
    static let cpus = CPUPinning.currentThreadCPUCount

    @Test(.enabled(if: cpus > 1, "needs two CPUs"))
    func aJobRunsOnOneCPUAndGetsItsCPUsBack() {
      let inside = CPUPinning.withPinnedThread(job: 0, of: 1) { CPUPinning.currentThreadCPUCount }
      #expect(inside == 1)
      #expect(CPUPinning.currentThreadCPUCount == Self.cpus)
      // A job number past the CPUs wraps around; it is still one CPU.
      let wrapped = CPUPinning.withPinnedThread(job: Self.cpus + 1, of: 1) {
        CPUPinning.currentThreadCPUCount
      }
      #expect(wrapped == 1)
      #expect(CPUPinning.currentThreadCPUCount == Self.cpus)
    }

    @Test(.enabled(if: cpus > 1, "needs two CPUs"))
    func twoJobsGetTwoCPUs() throws {
      let first = CPUPinning.withPinnedThread(job: 0, of: 2) { CPUPinning.currentThreadFirstCPU }
      let second = CPUPinning.withPinnedThread(job: 1, of: 2) { CPUPinning.currentThreadFirstCPU }
      #expect(try #require(first) != (try #require(second)))
    }

    /// What the thread starts inherits its CPU: a job's session processes run beside it.
    @Test(.enabled(if: cpus > 1, "needs two CPUs"))
    func aProcessStartedByAPinnedJobInheritsItsCPU() throws {
      let (cpu, allowed) = try CPUPinning.withPinnedThread(job: 1, of: 2) {
        () throws -> (Int?, String) in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "grep Cpus_allowed_list /proc/self/status"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (CPUPinning.currentThreadFirstCPU, String(decoding: data, as: UTF8.self))
      }
      let pinned = try #require(cpu)
      let list = allowed.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines)
      #expect(list == String(pinned), "\(allowed)")
    }

    @Test func nothingIsPinnedWhenOffOrWithMoreJobsThanCPUs() {
      #expect(Self.cpus >= 1, "the thread's CPUs can be read on Linux")
      let off = CPUPinning.withPinnedThread(job: 0, of: 1, enabled: false) {
        CPUPinning.currentThreadCPUCount
      }
      #expect(off == Self.cpus)
      let crowded = CPUPinning.withPinnedThread(job: 0, of: Self.cpus + 1) {
        CPUPinning.currentThreadCPUCount
      }
      #expect(crowded == Self.cpus)
    }
  }
#endif
