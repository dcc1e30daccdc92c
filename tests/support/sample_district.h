#pragma once
// A small generated sample district for tests (the `sample` operation): the project path of a
// district of `radiusM` around Takanawa Gateway over the days from..to, written to outDir.
#include <string>

namespace ekm_test {

std::string generateSampleDistrict(const std::string& outDir, const std::string& from, const std::string& to,
                                   double radiusM);

}  // namespace ekm_test
