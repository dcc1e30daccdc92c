// The sample district's DHC plant (data/samples/takanawa/plant.json) against the sample's own
// synthetic demand: `sample` copies the plant file into its output; the plant is sized for the
// demand's design peak plus margin (available capacity at the peak hour's condenser/outdoor
// temperature, CAPFT included, plus the tanks' discharge limits); and the weeks of the summer
// cooling peak and of the winter heating peak plan feasibly (CBC) with no unmet demand, for the
// optimised plan and for the rule-based baseline alike. Fails if the plant or the demand
// generator drift apart again (data/samples/README.md, "The DHC plant").
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "ekm/energy/dispatch.h"
#include "ekm/energy/plan_op.h"
#include "ekm/energy/plant.h"
#include "ekm/ops/session.h"
#include "ekm/sample/energy_district.h"
#include "ekm/sample/sample_op.h"
#include "ekm/store/energy_store.h"
#include "support/temp_dir.h"

namespace ekm::energy {
namespace {

struct Peak {
  core::HourKey hour = 0;
  double kwh = 0;
};

class SamplePlant : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new ekm_test::TempDir("sample_plant");
    ops::Session session;
    sample::SampleParams p;
    p.out = s_dir->str("s");
    p.from = "2025-07-28";
    p.to = "2025-08-03";
    p.radius = 300;
    p.reference = std::string(EKM_TEST_DATA_DIR) + "/../../data/samples/reference";
    core::Feedback fb;
    s_project = new std::string(ops::run<sample::SampleOp>(session, p, fb).projectPath);
  }
  static void TearDownTestSuite() {
    delete s_dir;
    delete s_project;
    s_dir = nullptr;
    s_project = nullptr;
  }
  // The hour of the year's largest district demand of a carrier (hours with a meter gap skipped).
  static Peak peakOf(MeterKind kind) {
    const auto project = store::Project::open(*s_project, store::OpenMode::ReadOnly);
    const core::HourKey y0 = core::hourKeyFromJst(std::chrono::year{2025} / 1 / 1, 0);
    const core::HourKey y1 = core::hourKeyFromJst(std::chrono::year{2026} / 1 / 1, 0);
    std::vector<double> sum(static_cast<std::size_t>(y1 - y0), 0.0);
    for (const auto& m : store::readMeters(project, y0, y1))
      if (m.kind == kind)
        for (core::HourKey t = y0; t < y1; ++t) sum[static_cast<std::size_t>(t - y0)] += m.series.at(t);  // NaN sticks
    Peak p;
    for (std::size_t i = 0; i < sum.size(); ++i)
      if (!std::isnan(sum[i]) && sum[i] > p.kwh) p = {y0 + static_cast<core::HourKey>(i), sum[i]};
    return p;
  }
  // The Monday (local) of the week holding `hour`, as YYYY-MM-DD.
  static std::string mondayOf(core::HourKey hour) {
    const auto date = core::jstFromHourKey(hour).date;
    const std::chrono::sys_days d(date);
    const unsigned sinceMonday = (std::chrono::weekday(d).c_encoding() + 6) % 7;
    return core::formatDate(std::chrono::year_month_day(d - std::chrono::days(sinceMonday)));
  }
  static PlanRunResult planWeek(const std::string& monday) {
    ops::Session session(*s_project);
    PlanParams p;
    p.plant = s_dir->str("s/plant.json");
    p.from = monday;
    p.days = 7;
    p.fill_gaps = 6;  // the sample's simulated 6-hour meter outages
    p.gap = 0.02;
    p.time_limit = 120;
    core::Feedback fb;
    return ops::run<PlanOp>(session, p, fb);
  }
  static ekm_test::TempDir* s_dir;
  static std::string* s_project;
};
ekm_test::TempDir* SamplePlant::s_dir = nullptr;
std::string* SamplePlant::s_project = nullptr;

TEST_F(SamplePlant, TheSampleShipsThePlantFile) {
  EXPECT_EQ(ekm_test::readFile(s_dir->path() / "s" / "plant.json"), ekm_test::readFile(sample::plantSourcePath()));
  EXPECT_NO_THROW(readPlant(s_dir->str("s/plant.json")));
}

TEST_F(SamplePlant, SizedForTheDesignPeakPlusMargin) {
  const Plant plant = readPlant(s_dir->str("s/plant.json"));
  const auto project = store::Project::open(*s_project, store::OpenMode::ReadOnly);
  for (const auto& [kind, carrier] :
       {std::pair{MeterKind::Cooling, Carrier::Cooling}, std::pair{MeterKind::Heating, Carrier::Heating}}) {
    const Peak peak = peakOf(kind);
    ASSERT_GT(peak.kwh, 0) << meterKindName(kind);
    const auto w = store::readWeather(project, "", peak.hour, peak.hour + 1);
    ASSERT_TRUE(w);
    double firm = 0;  // every unit in this mode at the peak hour's temperatures, plus the tanks' discharge
    for (const auto& u : plant.units)
      if (u.serves(carrier))
        firm += modeHour(plant, u, carrier, w->dryBulbC.at(peak.hour), w->relHumidityPct.at(peak.hour)).capacityKw;
    for (const auto& s : plant.storage)
      if (s.carrier == carrier) firm += s.maxDischargeKw;
    EXPECT_GE(firm, 1.1 * peak.kwh) << meterKindName(kind) << " peak " << peak.kwh << " kWh at "
                                    << core::formatHourKeyJst(peak.hour);
  }
}

TEST_F(SamplePlant, PlansTheSummerPeakWeek) {
  const Peak peak = peakOf(MeterKind::Cooling);
  const auto month = static_cast<unsigned>(core::jstFromHourKey(peak.hour).date.month());
  EXPECT_TRUE(month >= 6 && month <= 9) << core::formatHourKeyJst(peak.hour);
  PlanRunResult r;
  ASSERT_NO_THROW(r = planWeek(mondayOf(peak.hour))) << mondayOf(peak.hour);
  EXPECT_NEAR(r.plan.totals.unmetKwh, 0, 1);
  EXPECT_TRUE(r.baseline.present) << r.baseline.status;
  EXPECT_NEAR(r.baseline.totals.unmetKwh, 0, 1);
  EXPECT_LE(r.solution.gap, 0.02 + 1e-9);
}

TEST_F(SamplePlant, PlansTheWinterHeatingPeakWeek) {
  const Peak peak = peakOf(MeterKind::Heating);
  PlanRunResult r;
  ASSERT_NO_THROW(r = planWeek(mondayOf(peak.hour))) << mondayOf(peak.hour);
  EXPECT_NEAR(r.plan.totals.unmetKwh, 0, 1);
  EXPECT_TRUE(r.baseline.present) << r.baseline.status;
}

}  // namespace
}  // namespace ekm::energy
