#pragma once
// Files the demand operations write (link results, skims, reports).
#include <fstream>
#include <string>

namespace ekm::demand {

// A results file at full precision; IoError naming it when it cannot be written.
std::ofstream openResultFile(const std::string& path);
// Writes `text` through a temporary file renamed into place; IoError naming the file.
void writeTextFile(const std::string& path, const std::string& text);

}  // namespace ekm::demand
