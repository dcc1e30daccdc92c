#pragma once
// Where Ekimachi's read-only data (the sample generator's reference subset, the example
// scenarios) is found. An installed program, <prefix>/bin/NAME beside <prefix>/share/ekimachi,
// reads only that folder and never the build or source tree; a program run from its build
// folder reads the source tree's data/samples (sourceDir()).
#include <string>

namespace ekm::core {

// The source tree this build was configured from (benchmarks, tests and a build-tree program's
// sample data; never used by an installed program).
std::string sourceDir();

// "<prefix>/share/ekimachi" for an installed executable (found from /proc/self/exe), else "".
std::string installedDataDir();

// The sample data folder: installedDataDir() when installed, else <source>/data/samples.
// Its subfolder reference/ holds the generator's reference subset in both layouts.
std::string sampleDataDir();

}  // namespace ekm::core
