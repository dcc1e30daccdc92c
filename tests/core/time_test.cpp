#include <gtest/gtest.h>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/core/time.h"

using namespace ekm::core;
using namespace std::chrono;

TEST(Time, JstHourKeyRoundTrip) {
  // 2025-03-27 10:00 JST = 2025-03-27 01:00 UTC. 2025-03-27 is day 20174 since 1970-01-01.
  const auto d = 2025y / March / 27d;
  EXPECT_EQ(daysFromCivil(d), 20174);
  const HourKey k = hourKeyFromJst(d, 10);
  EXPECT_EQ(k, 20174 * 24 + 1);
  const auto back = jstFromHourKey(k);
  EXPECT_EQ(back.date, d);
  EXPECT_EQ(back.hour, 10);
  EXPECT_EQ(formatHourKeyJst(k), "2025-03-27T10:00+09:00");
  // JST midnight is the previous UTC day.
  const auto midnight = jstFromHourKey(hourKeyFromJst(d, 0));
  EXPECT_EQ(midnight.date, d);
  EXPECT_EQ(midnight.hour, 0);
}

TEST(Time, ParsesIsoWithOffsets) {
  const HourKey k = hourKeyFromJst(2025y / March / 27d, 10);
  EXPECT_EQ(parseIsoDateTimeToHourKey("2025-03-27T10:00:00"), k);
  EXPECT_EQ(parseIsoDateTimeToHourKey("2025-03-27 10:00"), k);
  EXPECT_EQ(parseIsoDateTimeToHourKey("2025-03-27T10"), k);
  EXPECT_EQ(parseIsoDateTimeToHourKey("2025-03-27T01:00:00Z"), k);
  EXPECT_EQ(parseIsoDateTimeToHourKey("2025-03-27T10:00+09:00"), k);
  EXPECT_EQ(parseIsoDateTimeToHourKey("2025-03-27T10:00+0900"), k);
  EXPECT_FALSE(parseIsoDateTimeToHourKey("2025-03-27T10:30"));
  EXPECT_EQ(parseIsoDateTimeToHourKey("2025-03-27T10:30", true), k);
  EXPECT_FALSE(parseIsoDateTimeToHourKey("2025-02-30T10:00"));
  EXPECT_FALSE(parseIsoDateTimeToHourKey("2025-03-27T24:00"));
  EXPECT_FALSE(parseIsoDateTimeToHourKey("2025/03/27 10:00"));
  EXPECT_FALSE(parseIsoDateTimeToHourKey("2025-03-27T10:00junk"));
}

TEST(Time, Weekday) {
  EXPECT_EQ(dayOfWeek(2025y / March / 27d), 4);  // Thursday
  EXPECT_EQ(dayOfWeek(2025y / March / 30d), 0);  // Sunday
}

TEST(Errors, MessageCarriesContext) {
  const ValidationError e("negative count", {"counts.csv", 12, std::nullopt, "count", "a value >= 0", "-3"});
  EXPECT_EQ(std::string(e.what()), "counts.csv:12: column 'count': negative count (expected a value >= 0, found '-3')");
  EXPECT_EQ(e.code(), ErrorCode::Validation);
}

TEST(Feedback, CancelIsSharedWithSteps) {
  Feedback parent;
  double last = -1;
  parent.setThrottleInterval(std::chrono::milliseconds(0));
  parent.setProgressHandler([&](double p) { last = p; });
  MultiStepFeedback steps(parent, 4);
  steps.setCurrentStep(2);
  steps.setProgress(50);
  EXPECT_DOUBLE_EQ(last, 62.5);
  EXPECT_FALSE(steps.isCancelled());
  parent.cancel();
  EXPECT_TRUE(steps.isCancelled());
  EXPECT_THROW(steps.throwIfCancelled(), CancelledError);
}
