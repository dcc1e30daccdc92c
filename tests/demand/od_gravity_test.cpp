// Furness / doubly constrained gravity model / calibration against an independent
// pure-Python reference (tests/data/od/make_reference.py, outputs committed) and a
// closed-form 2x2 case.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "ekm/core/error.h"
#include "ekm/demand/gravity.h"
#include "ekm/demand/od_io.h"

using namespace ekm;
using namespace ekm::demand;

namespace {

const std::string kDir = std::string(EKM_TEST_DATA_DIR) + "/od/";

struct Reference {
  NamedOdMatrix cost;
  TripEndTable ends;
};

Reference reference() {
  Reference r;
  r.cost = readCostCsv(kDir + "ref_cost.csv");
  r.ends = alignTripEnds(readTripEndsCsv(kDir + "ref_trip_ends.csv"), r.cost.zoneIds);
  return r;
}

std::map<std::string, OdMatrix> referenceMatrices() {
  std::ifstream in(kDir + "ref_gravity.csv");
  std::string line;
  std::getline(in, line);
  std::map<std::string, OdMatrix> out;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string model, o, d, t;
    std::getline(ss, model, ','), std::getline(ss, o, ','), std::getline(ss, d, ','), std::getline(ss, t, ',');
    auto& m = out.try_emplace(model, 6).first->second;
    m(std::stoi(o) - 1, std::stoi(d) - 1) = std::stod(t);
  }
  return out;
}

}  // namespace

TEST(OdGravity, MatchesPythonReferenceForAllDeterrenceFunctions) {
  const auto ref = reference();
  const auto expected = referenceMatrices();
  ASSERT_EQ(expected.size(), 3u);
  const std::map<std::string, Deterrence> models{
      {"exp", {DeterrenceKind::Exponential, 0, 0.12}},
      {"power", {DeterrenceKind::Power, 1.6, 0}},
      {"tanner", {DeterrenceKind::Combined, 0.8, 0.2}}};
  FurnessOptions opt;
  opt.tolerance = 1e-12;
  for (const auto& [name, det] : models) {
    const auto r = gravity(ref.cost.matrix, ref.ends.productions, ref.ends.attractions, det, opt, core::nullFeedback());
    EXPECT_TRUE(r.converged) << name;
    const auto& e = expected.at(name);
    for (int i = 0; i < 6; ++i)
      for (int j = 0; j < 6; ++j) EXPECT_NEAR(r.trips(i, j), e(i, j), 1e-8 * std::max(1.0, e(i, j))) << name << i << j;
    // history is monotone non-increasing at the end and the last entry is the error
    ASSERT_FALSE(r.history.empty());
    EXPECT_EQ(r.history.back(), r.maxRelativeError);
    EXPECT_LE(r.maxRelativeError, 1e-12);
  }
}

TEST(OdGravity, TwoByTwoClosedForm) {
  // With a 2x2 seed the balanced matrix keeps the cross-product ratio
  // k = s11 s22 / (s12 s21): T11 (P2 - A1 + T11) = k (P1 - T11)(A1 - T11).
  OdMatrix seed(2);
  seed(0, 0) = 1, seed(0, 1) = 2, seed(1, 0) = 3, seed(1, 1) = 4;
  const std::vector<double> P{30, 70}, A{40, 60};
  const double k = (1.0 * 4) / (2.0 * 3);
  // (1 - k) T^2 + (P2 - A1 + k (P1 + A1)) T - k P1 A1 = 0
  const double a = 1 - k, b = P[1] - A[0] + k * (P[0] + A[0]), c = -k * P[0] * A[0];
  const double t11 = (-b + std::sqrt(b * b - 4 * a * c)) / (2 * a);
  FurnessOptions opt;
  opt.tolerance = 1e-13;
  const auto r = furness(seed, P, A, opt, core::nullFeedback());
  EXPECT_NEAR(r.trips(0, 0), t11, 1e-9);
  EXPECT_NEAR(r.trips(0, 1), P[0] - t11, 1e-9);
  EXPECT_NEAR(r.trips(1, 0), A[0] - t11, 1e-9);
  // T_ij = a_i b_j seed_ij
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) EXPECT_NEAR(r.trips(i, j), r.rowFactors[i] * r.columnFactors[j] * seed(i, j), 1e-9);
}

TEST(OdGravity, UnbalancedTotalsAreAModelError) {
  OdMatrix seed(2, 1.0);
  try {
    furness(seed, {10, 10}, {10, 11}, FurnessOptions{}, core::nullFeedback());
    FAIL() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.code(), core::ErrorCode::Model);
    EXPECT_NE(std::string(e.what()).find("sum A = 21"), std::string::npos) << e.what();
  }
}

TEST(OdGravity, UnreachableAttractionIsAModelError) {
  // zone 3 produces but its only positive seed is towards zone 3, which attracts nothing
  OdMatrix cost(3, 1.0);
  cost(2, 0) = cost(2, 1) = std::numeric_limits<double>::infinity();
  try {
    gravity(cost, {5, 5, 5}, {10, 5, 0}, {DeterrenceKind::Exponential, 0, 0.1}, FurnessOptions{}, core::nullFeedback());
    FAIL() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.code(), core::ErrorCode::Model);
    EXPECT_NE(std::string(e.what()).find("zone 3"), std::string::npos) << e.what();
  }
}

TEST(OdGravity, InfeasibleStructuralZerosDoNotConverge) {
  // Block-diagonal seed: zones {1,2} and {3} never exchange trips, but the block totals
  // differ (P1+P2 = 20 vs A1+A2 = 15): no balanced matrix exists.
  OdMatrix seed(3);
  seed(0, 0) = seed(0, 1) = seed(1, 0) = seed(1, 1) = 1;
  seed(2, 2) = 1;
  FurnessOptions opt;
  opt.maxIterations = 200;
  try {
    furness(seed, {10, 10, 5}, {10, 5, 10}, opt, core::nullFeedback());
    FAIL() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.code(), core::ErrorCode::Model);
    EXPECT_NE(std::string(e.what()).find("200 iterations"), std::string::npos) << e.what();
  }
  opt.failOnNoConvergence = false;
  const auto r = furness(seed, {10, 10, 5}, {10, 5, 10}, opt, core::nullFeedback());
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.iterations, 200);
  EXPECT_EQ(r.history.size(), 200u);
}

TEST(OdGravity, HymanCalibrationMatchesBisectionReference) {
  const auto ref = reference();
  std::ifstream in(kDir + "ref_calibration.csv");
  std::string line;
  std::getline(in, line);
  int cases = 0;
  while (std::getline(in, line)) {
    const double target = std::stod(line.substr(0, line.find(',')));
    const double beta = std::stod(line.substr(line.find(',') + 1));
    const auto c = calibrateToMeanCost(ref.cost.matrix, ref.ends.productions, ref.ends.attractions, target,
                                       {DeterrenceKind::Exponential, 0, 0}, FurnessOptions{1e-12, 5000}, core::nullFeedback(),
                                       1e-9);
    EXPECT_TRUE(c.converged) << target;
    EXPECT_NEAR(c.deterrence.beta, beta, 1e-6 * beta) << target;
    EXPECT_NEAR(c.modelledMeanCost, target, 1e-7 * target);
    EXPECT_LT(c.iterations, 20);  // secant: a handful of gravity runs
    ++cases;
  }
  EXPECT_EQ(cases, 3);
}

TEST(OdGravity, TripLengthDistributionCalibrationRecoversBeta) {
  const auto ref = reference();
  const std::vector<double> edges{0, 8, 12, 16, 20, 30, 40};
  const Deterrence truth{DeterrenceKind::Exponential, 0, 0.12};
  const auto t = gravity(ref.cost.matrix, ref.ends.productions, ref.ends.attractions, truth, FurnessOptions{1e-12, 5000},
                         core::nullFeedback());
  auto observed = tripLengthDistribution(t.trips, ref.cost.matrix, edges);
  for (auto& o : observed) o *= 1000;  // counts, not shares
  const auto c = calibrateToDistribution(ref.cost.matrix, ref.ends.productions, ref.ends.attractions, edges, observed,
                                         {DeterrenceKind::Exponential, 0, 0}, 0.0, 1.0, FurnessOptions{1e-12, 5000},
                                         core::nullFeedback(), 1e-7);
  EXPECT_NEAR(c.deterrence.beta, 0.12, 1e-4);
  EXPECT_LT(c.objective, 1e-10);
}

TEST(OdGravity, DeterrenceFunctions) {
  EXPECT_DOUBLE_EQ((Deterrence{DeterrenceKind::Exponential, 0, 0.5})(2.0), std::exp(-1.0));
  EXPECT_DOUBLE_EQ((Deterrence{DeterrenceKind::Power, 2, 0})(4.0), 1.0 / 16);
  EXPECT_DOUBLE_EQ((Deterrence{DeterrenceKind::Combined, 1, 0.5})(2.0), 2.0 * std::exp(-1.0));
  EXPECT_EQ((Deterrence{DeterrenceKind::Exponential, 0, 0.5})(std::numeric_limits<double>::infinity()), 0.0);
  EXPECT_EQ(deterrenceKindFromName("tanner"), DeterrenceKind::Combined);
  EXPECT_THROW(deterrenceKindFromName("gauss"), core::Error);
}
