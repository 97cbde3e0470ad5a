// libFuzzer's driver, for `IDTrailFuzz` built by `.ci/fuzz` with `-sanitize=fuzzer`. Only declared
// here: a plain build never calls it, so it links no library.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
