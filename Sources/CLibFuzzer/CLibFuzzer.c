// Intentionally empty: SwiftPM needs one C source in a C target. The declarations are in
// include/CLibFuzzer.h; libFuzzer itself is linked by `-sanitize=fuzzer`.
