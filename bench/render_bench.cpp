// Map rendering at 1920x1080: the mesh population layer with 2,000 and 40,000 cells (the
// 23 wards of Tokyo at 125 m are about 40,000 cells), and the hour-change re-render of the
// sample project's default stack (mesh + roads + stations) through a LayerImageCache, which
// is what scrubbing the time slider does; the same on the GUI's default visible stack
// (basemap, mesh, pedestrian counts, rail, stations with ridership bubbles, optionally the
// population heatmap) and per layer of it.
//
//   build-*/bench/render_bench [--sample /tmp/x/sample.gpkg] [--benchmark_filter=...]
//
// The synthetic meshes are real JIS X 0410 1/8 (125 m) cells: a block of rows x columns of
// cells around Tokyo Station, coded with ekm::mesh, their lon/lat corners projected to
// EPSG:6677 (JGD2011 plane rectangular zone IX) with ekm::geo, as the project loader does.
// Values: 24 hours of pseudo-random populations with every 17th cell missing, 7 quantile
// classes. The map extent is the block's extent (cells are about 5 px on screen for 40,000).
//
// Every benchmark reports per-iteration wall times as counters: median_ms (the figure to
// quote), min_ms, max_ms; the stack benchmarks also fps = 1000 / median_ms. Without
// --sample (or EKM_SAMPLE_GPKG) the stack benchmarks are skipped with a message; create the
// sample with `ekimachi-cli sample --out /tmp/x --seed 1`. At ward scale, pass the project that
// `ekimachi-cli bench store --ward --keep --dir /tmp/ward` leaves (40,000 cells x 31 days, no
// streets or stations): BM_SampleStackHourChange/warm:0 is then the time-slider step that reads
// a new hour of 40,000 cells from the store and draws it.
#include <benchmark/benchmark.h>

#include <QElapsedTimer>
#include <QGuiApplication>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/geo/transformer.h"
#include "ekm/mesh/mesh_code.h"
#include "render/map_renderer.h"
#include "render/mesh_population_layer.h"
#include "render/project_layers.h"

using namespace ekm;
using namespace ekm::render;

namespace {

std::string g_samplePath;
constexpr int kHours = 24;

struct SyntheticMesh {
  std::shared_ptr<MeshGeometry> geometry;
  std::shared_ptr<InMemoryMeshValues> values;
  GraduatedStyle style;
};

// rows x cols 1/8 mesh cells (1/960 deg of latitude x 1/640 deg of longitude) centred on
// Tokyo Station (35.681 N, 139.767 E).
SyntheticMesh makeMesh(int rows, int cols) {
  static std::map<std::pair<int, int>, SyntheticMesh> built;
  auto found = built.find({rows, cols});
  if (found != built.end()) return found->second;
  const geo::Transformer toPlane(6677);
  const int row0 = static_cast<int>(std::floor(35.681 * 960)) - rows / 2;
  const int col0 = static_cast<int>(std::floor(139.767 * 640)) - cols / 2;
  SyntheticMesh m;
  m.geometry = std::make_shared<MeshGeometry>();
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const double lat = (row0 + r + 0.5) / 960.0, lon = (col0 + c + 0.5) / 640.0;
      const mesh::MeshCell cell = mesh::decode(mesh::encode(lat, lon, mesh::MeshLevel::Eighth));
      auto corner = [&](double lo, double la) {
        const auto [x, y] = toPlane.forward(lo, la);
        return QPointF(x, y);
      };
      QPolygonF poly;
      poly << corner(cell.west, cell.south) << corner(cell.east, cell.south) << corner(cell.east, cell.north)
           << corner(cell.west, cell.north);
      m.geometry->add(r * cols + c + 1, cell.code, poly);
    }
  const std::size_t n = m.geometry->size();
  m.values = std::make_shared<InMemoryMeshValues>(n);
  std::vector<double> all;
  std::uint64_t state = 12345;
  for (int h = 0; h < kHours; ++h) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      v[i] = i % 17 == 0 ? std::nan("") : static_cast<double>((state >> 33) % 5000);
    }
    all.insert(all.end(), v.begin(), v.end());
    m.values->setValues(h, std::move(v));
  }
  m.style.breaks = ClassBreaks::compute(std::move(all), 7, ClassificationMethod::Quantile);
  built[{rows, cols}] = m;
  return m;
}

// CPU time of the whole process (all threads), in ms.
double processCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Wall and CPU time of each iteration.
struct Timings {
  std::vector<double> wallMs, cpuMs;
  QElapsedTimer wall;
  double cpuStart = 0;
  void start() {
    cpuStart = processCpuMs();
    wall.start();
  }
  void stop() {
    wallMs.push_back(wall.nsecsElapsed() / 1e6);
    cpuMs.push_back(processCpuMs() - cpuStart);
  }
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

void reportTimes(benchmark::State& state, const Timings& t) {
  if (t.wallMs.empty()) return;
  const double m = median(t.wallMs);
  state.counters["median_ms"] = m;
  state.counters["min_ms"] = *std::min_element(t.wallMs.begin(), t.wallMs.end());
  state.counters["fps"] = 1000.0 / m;
  // CPU of all threads: on an idle machine about median_ms times the cores used; when other
  // processes compete for the cores, the wall times grow but this does not.
  state.counters["cpu_ms"] = median(t.cpuMs);
}

MapSettings fullHd(const Extent& extent) {
  MapSettings s;
  s.setExtent(extent);
  s.setOutputSize(QSize(1920, 1080));
  return s;
}

// MapRenderer::render of the mesh layer alone (layer image + composition over the
// background), a new hour every iteration. Arguments: rows, cols, zoom (1 = whole block;
// 4 = a quarter of its width, cells about 20 px with outlines).
void BM_MeshLayer(benchmark::State& state) {
  const SyntheticMesh m = makeMesh(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  auto layer = std::make_shared<MeshPopulationLayer>("mesh", "Population", m.geometry, m.values, m.style);
  MapSettings s = fullHd(m.geometry->extent.scaled(1.0 / static_cast<double>(state.range(2))));
  Timings t;
  int hour = 0;
  for (auto _ : state) {
    s.setHour(hour++ % kHours);
    core::Feedback fb;
    t.start();
    const RenderResult r = MapRenderer::render(s, {layer}, fb);
    t.stop();
    benchmark::DoNotOptimize(r.image.constBits());
  }
  state.counters["cells"] = static_cast<double>(m.geometry->size());
  reportTimes(state, t);
}

// The layer's own image only (MapRenderer::renderLayer, no composition).
void BM_MeshLayerImageOnly(benchmark::State& state) {
  const SyntheticMesh m = makeMesh(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  auto layer = std::make_shared<MeshPopulationLayer>("mesh", "Population", m.geometry, m.values, m.style);
  MapSettings s = fullHd(m.geometry->extent);
  Timings t;
  int hour = 0;
  QImage image;
  for (auto _ : state) {
    s.setHour(hour++ % kHours);
    core::Feedback fb;
    t.start();
    MapRenderer::renderLayer(*layer, s, fb, image);
    t.stop();
    benchmark::DoNotOptimize(image.constBits());
  }
  reportTimes(state, t);
}

// The benchmark loop of a time-slider step: each iteration renders `layers` through `cache`
// at the hour nextHour() returns; reports the times, the layer count and how many layers
// the last frame took from the cache.
template <class NextHour>
void timeHourSteps(benchmark::State& state, MapSettings s, const LayerList& layers, LayerImageCache& cache,
                   NextHour nextHour) {
  Timings t;
  int fromCache = 0;
  for (auto _ : state) {
    s.setHour(nextHour());
    core::Feedback fb;
    t.start();
    const RenderResult r = MapRenderer::render(s, layers, fb, &cache);
    t.stop();
    benchmark::DoNotOptimize(r.image.constBits());
    fromCache = r.layersFromCache;
  }
  state.counters["layers"] = static_cast<double>(layers.size());
  state.counters["from_cache"] = fromCache;
  reportTimes(state, t);
}

const ProjectLayers* sample() {
  static std::unique_ptr<ProjectLayers> loaded = []() -> std::unique_ptr<ProjectLayers> {
    if (g_samplePath.empty() || !std::filesystem::exists(g_samplePath)) return nullptr;
    core::Feedback fb;
    return std::make_unique<ProjectLayers>(loadProjectLayers(g_samplePath, fb));
  }();
  return loaded.get();
}

// Hour-change re-render of the sample's default stack through a LayerImageCache, as the
// canvas does while the time slider moves. Argument: 0 = every hour new (values read from
// the store, "cold"), 1 = cycling over 24 hours already read (values from the source's LRU).
void BM_SampleStackHourChange(benchmark::State& state) {
  const ProjectLayers* p = sample();
  if (!p || !p->meshTimeRange) {
    state.SkipWithError("no sample project: pass --sample <sample.gpkg> (ekimachi-cli sample --out DIR --seed 1)");
    return;
  }
  const LayerList layers = p->makeLayers("Population", "Roads", "Stations");
  MapSettings s = fullHd(p->fullExtent);
  LayerImageCache cache;
  const bool warm = state.range(0) == 1;
  const core::HourKey first = p->meshTimeRange->first, last = p->meshTimeRange->last;
  // Warm up: hour-independent layers into the cache, and (warm) the 24 hours' values.
  for (int h = 0; h < (warm ? kHours : 1); ++h) {
    s.setHour(first + h);
    core::Feedback fb;
    MapRenderer::render(s, layers, fb, &cache);
  }
  core::HourKey hour = warm ? first : first + kHours;
  timeHourSteps(state, s, layers, cache, [&] {
    if (warm) {
      hour = first + (hour - first + 1) % kHours;
    } else if (++hour > last) {
      hour = first + kHours;
    }
    return hour;
  });
  state.counters["cells"] = static_cast<double>(p->mesh ? p->mesh->size() : 0);
}

// The GUI's default visible stack (makeLayerStack: vector basemap, mesh, pedestrian counts,
// railways, stations with ridership bubbles), optionally with the population heatmap on.
LayerList guiVisibleStack(const ProjectLayers& p, bool withHeatmap) {
  LayerNames names;
  names.basemap = names.mesh = names.heatmap = names.stationHeatmap = names.pedestrians = names.vehicles =
      names.roads = names.rail = names.stations = "layer";
  std::vector<StackedLayer> stack = p.makeLayerStack(names);
  if (withHeatmap)
    for (StackedLayer& s : stack)
      if (s.layer->id() == QStringLiteral("population_heatmap")) s.visibleByDefault = true;
  return ProjectLayers::visibleLayers(stack);
}

// Renders `layers` once for each of the first 24 hours: the sources' value caches warm and
// the hour-independent layers in `cache`, as after a first pass of the time slider.
void warmUp(const ProjectLayers& p, const LayerList& layers, MapSettings s, LayerImageCache* cache) {
  for (int h = 0; h < kHours; ++h) {
    s.setHour(p.meshTimeRange->first + h);
    core::Feedback fb;
    MapRenderer::render(s, layers, fb, cache);
  }
}

// What the canvas redraws per time-slider step on the GUI's default stack (argument 1: with
// the population heatmap switched on as well), warm.
void BM_SampleGuiStackHourChange(benchmark::State& state) {
  const ProjectLayers* p = sample();
  if (!p || !p->meshTimeRange) {
    state.SkipWithError("no sample project: pass --sample <sample.gpkg> (ekimachi-cli sample --out DIR --seed 1)");
    return;
  }
  const LayerList layers = guiVisibleStack(*p, state.range(0) == 1);
  MapSettings s = fullHd(p->fullExtent);
  LayerImageCache cache;
  warmUp(*p, layers, s, &cache);
  int hour = 0;
  timeHourSteps(state, s, layers, cache, [&] { return p->meshTimeRange->first + (hour++ % kHours); });
}

// One layer of that stack with the heatmap on (argument: its index, bottom first) re-rendered
// for a new hour, to see which layer a time-slider step spends its time on.
void BM_SampleGuiLayerHourChange(benchmark::State& state) {
  const ProjectLayers* p = sample();
  if (!p || !p->meshTimeRange) {
    state.SkipWithError("no sample project: pass --sample <sample.gpkg>");
    return;
  }
  const LayerList layers = guiVisibleStack(*p, true);
  const auto index = static_cast<std::size_t>(state.range(0));
  if (index >= layers.size()) {
    state.SkipWithError("no such layer");
    return;
  }
  const LayerList one{layers[index]};
  MapSettings s = fullHd(p->fullExtent);
  warmUp(*p, one, s, nullptr);
  Timings t;
  int hour = 0;
  QImage image;
  for (auto _ : state) {
    s.setHour(p->meshTimeRange->first + (hour++ % kHours));
    core::Feedback fb;
    t.start();
    MapRenderer::renderLayer(*one.front(), s, fb, image);
    t.stop();
    benchmark::DoNotOptimize(image.constBits());
  }
  state.SetLabel(one.front()->id().toStdString());
  reportTimes(state, t);
}

}  // namespace

BENCHMARK(BM_MeshLayer)->Args({40, 50, 1})->Args({200, 200, 1})->Args({200, 200, 4})
    ->ArgNames({"rows", "cols", "zoom"})->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_MeshLayerImageOnly)->Args({40, 50})->Args({200, 200})->ArgNames({"rows", "cols"})
    ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_SampleStackHourChange)->Arg(0)->Arg(1)->ArgName("warm")->Unit(benchmark::kMillisecond)
    ->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_SampleGuiStackHourChange)->Arg(0)->Arg(1)->ArgName("heatmap")->Unit(benchmark::kMillisecond)
    ->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_SampleGuiLayerHourChange)->DenseRange(0, 5)->ArgName("layer")->Unit(benchmark::kMillisecond)
    ->UseRealTime()->MinTime(1.0);

int main(int argc, char** argv) {
  if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
  if (const char* env = std::getenv("EKM_SAMPLE_GPKG")) g_samplePath = env;
  benchmark::Initialize(&argc, argv);
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--sample") == 0 && i + 1 < argc) {
      g_samplePath = argv[++i];
    } else if (std::strncmp(argv[i], "--sample=", 9) == 0) {
      g_samplePath = argv[i] + 9;
    } else {
      rest.push_back(argv[i]);
    }
  }
  int restCount = static_cast<int>(rest.size());
  if (benchmark::ReportUnrecognizedArguments(restCount, rest.data())) return 1;
  QGuiApplication app(argc, argv);  // fonts for the station labels
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
