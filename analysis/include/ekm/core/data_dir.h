#pragma once
// Where Ekimachi's read-only data (the sample generator's reference subset, the example
// scenarios) is found. An installed program, <prefix>/bin/NAME beside <prefix>/share/ekimachi,
// reads only that folder and never the build or source tree; a program run from its build
// folder reads the source tree's data/samples (EKM_SOURCE_DIR).
#include <string>

namespace ekm::core {

// "<prefix>/share/ekimachi" for an installed executable (found from /proc/self/exe), else "".
std::string installedDataDir();

// The sample data folder: installedDataDir() when installed, else <source>/data/samples.
// Its subfolder reference/ holds the generator's reference subset in both layouts.
std::string sampleDataDir();

}  // namespace ekm::core
