#pragma once
// Temporary folders for tests (removed with everything in them) and whole-file reads/writes.
#include <filesystem>
#include <string>

namespace ekm_test {

class TempDir {
 public:
  // A new empty folder <tmp>/ekm_<name>_<pid>_<random>.
  explicit TempDir(const std::string& name = "test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }
  // The path of `name` in the folder, as a string.
  std::string str(const std::string& name) const { return (m_path / name).string(); }
  // Writes `bytes` to `name` in the folder and returns its path.
  std::string write(const std::string& name, const std::string& bytes) const;

 private:
  std::filesystem::path m_path;
};

// The whole file as bytes ("" when it cannot be read).
std::string readFile(const std::filesystem::path& path);
// Replaces the file with `bytes`.
void writeFile(const std::filesystem::path& path, const std::string& bytes);

}  // namespace ekm_test
