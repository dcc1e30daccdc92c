#pragma once
// Shared plumbing of the libFuzzer harnesses: the input as a file (the readers take
// paths), a scratch project per process, and the rule that a reader may throw
// ekm::core::Error (a clean refusal) but nothing else.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "ekm/core/error.h"
#include "ekm/store/project.h"

namespace ekm_fuzz {

// A folder for this process, removed at exit.
inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("ekm_fuzz_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(std::filesystem::temp_directory_path() / ("ekm_fuzz_" + std::to_string(::getpid())),
                                  ec);
    });
    return d;
  }();
  return dir;
}

// Writes the input to scratch()/name and returns its path.
inline std::string asFile(const std::uint8_t* data, std::size_t size, const std::string& name) {
  const auto path = (scratch() / name).string();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (size) std::fwrite(data, 1, size, f);
  std::fclose(f);
  return path;
}

// A project with two stations and two road segments for the series importers; made
// once per process (imports that succeed add to it, which is fine for fuzzing).
ekm::store::Project& project();

// Runs f; ekm::core::Error is a clean refusal, anything else escapes and is a finding.
template <class F>
void refusalsOnly(F&& f) {
  try {
    f();
  } catch (const ekm::core::Error&) {
  }
}

}  // namespace ekm_fuzz
