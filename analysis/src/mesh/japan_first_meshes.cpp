// The first meshes (第1次地域区画) that cover Japan: the 176 codes of the Statistics
// Bureau's list (e-Stat, primary_mesh_jouhou.pdf), by latitude row pp with their
// longitude columns uu.
#include <array>
#include <map>
#include <vector>

#include "ekm/mesh/mesh_code.h"

namespace ekm::mesh {

bool isJapanFirstMesh(std::string_view code) {
  static const std::array<bool, 10000> inJapan = [] {
    const std::map<int, std::vector<int>> rows = {
      {30, {36}},
      {36, {22, 23, 24, 31, 41, 53}},
      {37, {24, 25, 41}},
      {38, {23, 24, 31, 41}},
      {39, {26, 27, 28, 42}},
      {40, {27, 28, 40, 42}},
      {41, {28, 29, 42}},
      {42, {29, 30}},
      {43, {28, 29}},
      {44, {29, 40}},
      {45, {29, 30, 31, 40}},
      {46, {29, 30, 31}},
      {47, {28, 29, 30, 31, 39, 40}},
      {48, {28, 29, 30, 31, 39}},
      {49, {28, 29, 30, 31, 32, 33, 34, 39}},
      {50, {29, 30, 31, 32, 33, 34, 35, 36, 38, 39}},
      {51, {29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39}},
      {52, {29, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40}},
      {53, {32, 33, 34, 35, 36, 37, 38, 39, 40}},
      {54, {32, 33, 35, 36, 37, 38, 39, 40}},
      {55, {31, 36, 37, 38, 39, 40, 41}},
      {56, {36, 37, 38, 39, 40, 41}},
      {57, {38, 39, 40, 41}},
      {58, {39, 40, 41}},
      {59, {39, 40, 41, 42}},
      {60, {39, 40, 41}},
      {61, {39, 40, 41}},
      {62, {39, 40, 41, 43}},
      {63, {39, 40, 41, 42, 43}},
      {64, {39, 40, 41, 42, 43, 44, 45}},
      {65, {40, 41, 42, 43, 44, 45, 46}},
      {66, {41, 42, 43, 44, 45, 46, 47}},
      {67, {40, 41, 42, 47, 48}},
      {68, {40, 41, 42, 47, 48}},
    };
    std::array<bool, 10000> a{};
    for (const auto& [p, cols] : rows)
      for (const int u : cols) a[static_cast<std::size_t>(p * 100 + u)] = true;
    return a;
  }();
  if (code.size() < 4) return false;
  int v = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (code[i] < '0' || code[i] > '9') return false;
    v = v * 10 + (code[i] - '0');
  }
  return inJapan[static_cast<std::size_t>(v)];
}

}  // namespace ekm::mesh
