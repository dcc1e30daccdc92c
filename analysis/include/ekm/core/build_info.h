#pragma once
// The program's version and the git commit it was built from (written at build time by
// cmake/write_build_info.cmake), for run provenance and --version.
namespace ekm::core {

const char* programVersion();  // e.g. "0.1.0"
const char* programCommit();   // `git describe --always --dirty`, or "unknown"

}  // namespace ekm::core
