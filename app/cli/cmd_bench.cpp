// ekimachi-cli bench store: import throughput and read latency of the project store.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bench_energy_models.h"
#include "bench_energy_plan.h"
#include "bench_gtfs.h"
#include "bench_provenance.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/io/importers.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/store/project.h"
#include "ekm/store/project_copy.h"
#include "ekm/store/project_size.h"
#include "op_args.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;
using Clock = std::chrono::steady_clock;

const char* kUsage =
    "usage: ekimachi-cli bench store [--cells N] [--days D] [--ward] [--dir DIR] [--keep] [--no-sqlite3]\n"
    "                                [--postgres LOCATION]\n\n"
    "Generates a mesh-population CSV (header mesh_code,date,hour,population) of N real 1/8\n"
    "mesh cells around Takanawa Gateway (35.6355 N, 139.7407 E) x D days x 24 hours, imports\n"
    "it into a new project and prints: import rows/s, median and p95 latency of 200 random\n"
    "time slices (all cells at one hour) and of 200 random single-cell series over the whole\n"
    "period, the project file size, and the rate of `sqlite3 DB \".import --csv\"` on the same\n"
    "CSV for comparison.\n"
    "  --cells N      number of cells (default 2000)\n"
    "  --days D       number of days from 2025-01-01 (default 365)\n"
    "  --ward         ward scale: --cells 40000 --days 31 (the 23 wards in 125 m cells)\n"
    "  --dir DIR      working directory (default: a new directory under the temp dir)\n"
    "  --keep         keep the generated CSV and databases\n"
    "  --no-sqlite3   skip the sqlite3 comparison\n"
    "  --postgres L   also import the same CSV into a new PostgreSQL project at L (a running\n"
    "                 server; postgresql://...?schema=S or 'service=... schema=S', S new), print\n"
    "                 the same figures and PostgreSQL / SQLite ratios; the schema is dropped\n"
    "                 afterwards unless --keep\n"
    "Timings are wall-clock on this machine; nothing is asserted.";

// The bench's flags, read by the CLI's one typed flag layer (op_args.h).
struct BenchStoreArgs {
  std::optional<std::int64_t> cells;
  std::optional<std::int64_t> days;
  bool ward = false;
  std::string dir;
  bool keep = false;
  bool no_sqlite3 = false;
  std::string postgres;

  template <class V>
  void fields(V& v) {
    v("cells", cells, {.help = "number of cells (default 2000; --ward 40000)", .min = 1, .max = 1 << 20});
    v("days", days, {.help = "number of days from 2025-01-01 (default 365; --ward 31)", .min = 1, .max = 3660});
    v("ward", ward, {.help = "ward scale: --cells 40000 --days 31 (the 23 wards in 125 m cells)"});
    v("dir", dir, {.help = "working directory (default: a new directory under the temp dir)",
                   .role = ops::Role::OutputDir});
    v("keep", keep, {.help = "keep the generated CSV and databases"});
    v("no_sqlite3", no_sqlite3, {.help = "skip the sqlite3 comparison"});
    v("postgres", postgres, {.help = "also import into a new PostgreSQL project at this location"});
  }
};

// N distinct 1/8 mesh codes in a square around the station, nearest rows first.
std::vector<std::string> benchCells(int n) {
  const double lat0 = 35.6355, lon0 = 139.7407;
  const double dLat = 1.0 / 960, dLon = 1.0 / 640;  // 1/8 mesh cell size
  const int side = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n))));
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(side) * side);
  for (int i = 0; i < side && static_cast<int>(out.size()) < n; ++i)
    for (int j = 0; j < side && static_cast<int>(out.size()) < n; ++j)
      out.push_back(mesh::encode(lat0 + (i - side / 2) * dLat, lon0 + (j - side / 2) * dLon, mesh::MeshLevel::Eighth));
  std::sort(out.begin(), out.end());
  return out;
}

// Writes the CSV with a fast hand-rolled formatter; about 1 in 200 values is blank
// (suppressed). Returns the number of data rows.
std::int64_t writeCsv(const std::string& path, const std::vector<std::string>& cells, int days) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw core::IoError("cannot write the benchmark CSV", core::ErrorContext{path, {}, {}, {}, {}, {}});
  std::vector<char> buf;
  buf.reserve(1 << 22);
  auto put = [&](const char* s, std::size_t n) { buf.insert(buf.end(), s, s + n); };
  put("mesh_code,date,hour,population\n", 31);
  std::mt19937_64 rng(20250327);
  std::int64_t rows = 0;
  const auto day0 = core::daysFromCivil(std::chrono::year_month_day{std::chrono::year{2025}, std::chrono::month{1},
                                                                     std::chrono::day{1}});
  for (int d = 0; d < days; ++d) {
    const std::string date = core::formatDate(core::civilFromDays(day0 + d));
    for (int h = 0; h < 24; ++h) {
      char hour[4];
      const int hn = std::snprintf(hour, sizeof hour, "%d", h);
      for (const auto& c : cells) {
        put(c.data(), c.size());
        buf.push_back(',');
        put(date.data(), date.size());
        buf.push_back(',');
        put(hour, static_cast<std::size_t>(hn));
        buf.push_back(',');
        const std::uint64_t r = rng();
        if (r % 200 != 0) {
          char num[16];
          const int nn = std::snprintf(num, sizeof num, "%u", static_cast<unsigned>((r >> 8) % 5000));
          put(num, static_cast<std::size_t>(nn));
        }
        buf.push_back('\n');
        ++rows;
      }
      if (buf.size() > (1u << 22) - 4096) {
        std::fwrite(buf.data(), 1, buf.size(), f);
        buf.clear();
      }
    }
  }
  std::fwrite(buf.data(), 1, buf.size(), f);
  if (std::fclose(f) != 0) throw core::IoError("cannot write the benchmark CSV", core::ErrorContext{path, {}, {}, {}, {}, {}});
  return rows;
}

// CPU seconds (user + system) of this process: on a shared machine the wall clock also
// measures the other processes, the CPU time does not.
double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

// CPU seconds of finished child processes (the sqlite3 shell).
double childCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

struct Stats {
  double median = 0, p95 = 0;
};
Stats stats(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  Stats s;
  if (ms.empty()) return s;
  s.median = ms[ms.size() / 2];
  s.p95 = ms[std::min(ms.size() - 1, static_cast<std::size_t>(std::ceil(0.95 * ms.size())) - 1)];
  return s;
}

std::string fixed(double v, int digits) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", digits, v);
  return b;
}

struct StoreFigures {
  double importRate = 0, importCpu = 0;
  Stats slice, series;
  std::int64_t bytes = 0;
};

// Imports the CSV into a new project at `location` (a .gpkg or a postgresql:// location),
// times 200 random slices and series through a fresh read-only connection and prints the
// figures, each line prefixed by `indent`.
StoreFigures measureStore(const std::string& location, const std::string& csv, std::int64_t rows,
                          const std::string& indent, bool& created) {
  StoreFigures f;
  {
    store::Project p = store::Project::create(location);
    created = true;
    TerminalFeedback fb("import", true);
    const auto t0 = Clock::now();
    const double c0 = cpuSeconds();
    const auto r = io::importFile(p, io::ImportKind::MeshPopulation, csv, {}, fb);
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    f.importCpu = cpuSeconds() - c0;
    fb.finish();
    f.importRate = static_cast<double>(r.rowsStored) / s;
    std::cout << indent << "  import:  " << r.rowsStored << " rows in " << fixed(s, 2) << " s = "
              << fixed(f.importRate / 1e6, 2) << " M rows/s (target >= 1.5); CPU " << fixed(f.importCpu, 2)
              << " s = " << fixed(r.rowsStored / f.importCpu / 1e6, 2) << " M rows per CPU-second (this process)\n";
  }
  {
    // Reads through a fresh read-only connection, as a viewer would.
    const store::Project p = store::Project::open(location, store::OpenMode::ReadOnly);
    const auto range = p.timeRange("mesh_population");
    if (!range) throw core::StoreError("benchmark project has no mesh population");
    const auto cellRecords = p.meshCells();
    std::mt19937_64 rng(7);
    std::vector<double> sliceMs, seriesMs;
    std::size_t sliceRows = 0, seriesRows = 0;
    // One warm-up of each so the first timed query does not pay for opening the file.
    p.meshPopulationSlice(range->first);
    p.meshPopulationSeries(cellRecords.front().fid, range->first, range->last);
    for (int i = 0; i < 200; ++i) {
      const core::HourKey t = range->first + static_cast<core::HourKey>(rng() % (range->last - range->first + 1));
      const auto a = Clock::now();
      const auto v = p.meshPopulationSlice(t);
      sliceMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
      sliceRows += v.size();
    }
    for (int i = 0; i < 200; ++i) {
      const auto& c = cellRecords[rng() % cellRecords.size()];
      const auto a = Clock::now();
      const auto v = p.meshPopulationSeries(c.fid, range->first, range->last);
      seriesMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
      seriesRows += v.size();
    }
    f.slice = stats(sliceMs);
    f.series = stats(seriesMs);
    std::cout << indent << "  slice:   median " << fixed(f.slice.median, 3) << " ms, p95 " << fixed(f.slice.p95, 3)
              << " ms (" << sliceRows / 200 << " cells per slice; target < 2 ms)\n";
    std::cout << indent << "  series:  median " << fixed(f.series.median, 3) << " ms, p95 " << fixed(f.series.p95, 3)
              << " ms (" << seriesRows / 200 << " hours per series; target < 2 ms)\n";
    f.bytes = store::storedBytes(p);
  }
  std::cout << indent << "  size:    " << fixed(static_cast<double>(f.bytes) / 1048576.0, 1) << " MiB ("
            << fixed(static_cast<double>(f.bytes) / static_cast<double>(rows), 1)
            << " bytes per hourly value; target <= 12)\n";
  return f;
}

int runBenchStore(const std::vector<std::string>& argv) {
  const auto args = parseArgsAs<BenchStoreArgs>(argv);
  const BenchStoreArgs& p = args.params;
  const bool ward = p.ward;
  const int cells = static_cast<int>(p.cells.value_or(ward ? 40000 : 2000));
  const int days = static_cast<int>(p.days.value_or(ward ? 31 : 365));
  namespace fs = std::filesystem;
  fs::path dir;
  bool ownDir = false;
  if (!p.dir.empty()) {
    dir = p.dir;
  } else {
    dir = fs::temp_directory_path() / ("ekm-bench-store-" + std::to_string(::getpid()));
    ownDir = true;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw core::IoError("cannot create the benchmark directory: " + ec.message(),
                              core::ErrorContext{dir.string(), {}, {}, {}, {}, {}});
  const std::string csv = (dir / "bench_mesh_population.csv").string();
  const std::string db = (dir / "bench.gpkg").string();
  const std::string sqliteDb = (dir / "bench_sqlite3.db").string();
  for (const auto& f : {db, db + "-wal", db + "-shm", sqliteDb}) fs::remove(f, ec);

  const auto codes = benchCells(cells);
  std::cout << "bench store: " << codes.size() << " cells (1/8 mesh, " << codes.front() << " .. " << codes.back()
            << ") x " << days << " days x 24 hours\n";
  auto t0 = Clock::now();
  const std::int64_t rows = writeCsv(csv, codes, days);
  const double genS = std::chrono::duration<double>(Clock::now() - t0).count();
  const auto csvBytes = fs::file_size(csv);
  std::cout << "  csv:     " << rows << " rows, " << fixed(csvBytes / 1048576.0, 1) << " MiB, written in "
            << fixed(genS, 2) << " s\n";

  bool created = false;
  const StoreFigures ours = measureStore(db, csv, rows, "", created);
  const double ourRate = ours.importRate, ourCpu = ours.importCpu;
  std::optional<StoreFigures> pg;
  if (const std::optional<std::string> location =
          p.postgres.empty() ? std::nullopt : std::optional<std::string>(p.postgres)) {
    std::cout << "  PostgreSQL " << *location << ":\n";
    bool pgCreated = false;  // never drop a schema this run did not make
    try {
      pg = measureStore(*location, csv, rows, "  ", pgCreated);
    } catch (...) {
      if (pgCreated && !p.keep) store::dropPostgresProject(*location);
      throw;
    }
    if (!p.keep) store::dropPostgresProject(*location);
    std::cout << "  ratio:   PostgreSQL / SQLite = " << fixed(pg->importRate / ourRate, 2) << " (import rate), "
              << fixed(pg->slice.median / ours.slice.median, 2) << " (slice), "
              << fixed(pg->series.median / ours.series.median, 2) << " (series), "
              << fixed(static_cast<double>(pg->bytes) / static_cast<double>(ours.bytes), 2) << " (size)\n";
  }

  if (!p.no_sqlite3) {
    const std::string cmd = "sqlite3 '" + sqliteDb + "' \".import --csv '" + csv + "' tbl\"";
    t0 = Clock::now();
    const double c0 = childCpuSeconds();
    const int rc = std::system(cmd.c_str());
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cpu = childCpuSeconds() - c0;
    if (rc != 0) {
      std::cout << "  sqlite3: '.import' failed (exit " << rc << "); is the sqlite3 shell installed?\n";
    } else {
      const double rate = static_cast<double>(rows) / s;
      std::cout << "  sqlite3: .import --csv " << rows << " rows in " << fixed(s, 2) << " s = " << fixed(rate / 1e6, 2)
                << " M rows/s (text columns, no keys, no indexes); CPU " << fixed(cpu, 2) << " s\n";
      std::cout << "  ratio:   ours / sqlite3 = " << fixed(ourRate / rate, 2) << " (wall clock), "
                << fixed(cpu / ourCpu, 2) << " (CPU time)\n";
    }
  }
  if (!p.keep) {
    for (const auto& f : {csv, db, db + "-wal", db + "-shm", sqliteDb}) fs::remove(f, ec);
    if (ownDir) fs::remove(dir, ec);
  } else {
    std::cout << "  kept:    " << dir.string() << "\n";
  }
  return 0;
}

// `bench NAME [flags]`: each benchmark reads its own flags through op_args.h.
int runBench(const std::vector<std::string>& argv) {
  using Bench = int (*)(const std::vector<std::string>&);
  static const std::map<std::string, Bench> benches = {{"store", runBenchStore},
                                                       {"gtfs", runBenchGtfs},
                                                       {"energy", runBenchEnergyPlan},
                                                       {"energy-models", runBenchEnergyModels},
                                                       {"flow-models", runBenchFlowModels},
                                                       {"provenance", runBenchProvenance}};
  const auto it = argv.empty() ? benches.end() : benches.find(argv.front());
  if (it == benches.end())
    throw Error(ErrorCode::Usage, "bench takes one benchmark name: store or energy",
                core::ErrorContext{{}, {}, {}, "NAME", "store, gtfs, energy, energy-models, flow-models or provenance",
                                   argv.empty() ? "nothing" : argv.front()});
  return it->second(std::vector<std::string>(argv.begin() + 1, argv.end()));
}

const std::string kBenchUsage = std::string(kUsage) + "\n\nusage: ekimachi-cli " + kBenchEnergyUsage +
                               "\n\n" + kBenchEnergyModelsUsage + "\n\n" + kBenchFlowModelsUsage +
                               "\n\nusage: ekimachi-cli " + kBenchProvenanceUsage;
const CommandRegistrar kRegistrar(Command{"bench", "benchmarks (store: import rate, slice/series latency; energy: plant plan)",
                                          kBenchUsage.c_str(), runBench});

}  // namespace
}  // namespace ekm::cli
