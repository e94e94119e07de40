// libFuzzer's entry point for programs that bring their own `main`, as the Fuzz<Target>
// executables do (SwiftPM links each executable's `<Module>_main` as `main`).
// Spec: house-style.md §6; https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library
#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

#endif
