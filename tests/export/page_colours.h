#pragma once
// Colours on a rendered PDF page, counted by an independent reader: poppler's pdftoppm draws
// the page at 40 dpi as a PPM and Python counts its pixels by colour family (viridis greens
// and teals in the left and the right half, reds and oranges, blues, the desire lines'
// purple), so map tests check that a layer's colours are where the layout puts them (against
// the same count on a page without the layer: the basemap has some of each).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/cli_runner.h"

namespace ekm_test {

struct PageColours {
  long viridisLeft = 0, viridisRight = 0, red = 0, blue = 0, purple = 0;
};

inline PageColours pageColours(const std::filesystem::path& pdf, int page, const std::filesystem::path& workDir) {
  const std::filesystem::path script = workDir / "page_colours.py", ppm = workDir / "page_colours";
  std::ofstream(script) << R"PY(
import sys
d = open(sys.argv[1], 'rb').read(); parts = d.split(b'\n', 3); w, h = map(int, parts[1].split()); px = parts[3]
left = right = red = blue = purple = 0
for i in range(w * h):
    r, g, b = px[3*i], px[3*i+1], px[3*i+2]
    if g > 100 and r < 120 and g > r + 40 and b < 170:
        if i % w < w // 2: left += 1
        else: right += 1
    if r > g + 40 and r > b + 40: red += 1
    if b > r + 40 and b > g + 10: blue += 1
    if 80 <= r <= 160 and g < 125 and b > 150: purple += 1
print(left, right, red, blue, purple)
)PY";
  const std::string p = std::to_string(page);
  PageColours out;
  const CliRun draw = run("pdftoppm -r 40 -f " + p + " -l " + p + " -singlefile " + quote(pdf.string()) + " " + quote(ppm.string()));
  EXPECT_EQ(draw.exitCode, 0) << draw.out;
  const CliRun count = run("python3 " + quote(script.string()) + " " + quote(ppm.string() + ".ppm"));
  EXPECT_EQ(count.exitCode, 0) << count.out;
  std::istringstream(count.out) >> out.viridisLeft >> out.viridisRight >> out.red >> out.blue >> out.purple;
  return out;
}

}  // namespace ekm_test
