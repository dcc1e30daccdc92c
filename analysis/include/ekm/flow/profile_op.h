#pragma once
// Operation `profile`: totals and hour-of-day profiles of one cell, segment or station (or a
// zone of them, summed) by day type, ISO week or month. Missing hours are never zero.
#include <string>
#include <vector>

#include "ekm/flow/profile.h"
#include "ekm/flow/series_params.h"
#include "ekm/ops/operation.h"

namespace ekm::flow {

struct ProfileParams {
  FeatureParams feature;
  std::string by = "daytype";
  SeriesWindowParams window;

  template <class V>
  void fields(V& v) {
    feature.fields(v);
    v("by", by, {.help = "group by day type, ISO week or month", .choices = {"daytype", "week", "month", "day-type"}});
    window.fields(v);
  }
  void validate() const;
};

struct ProfileResult {
  std::string feature;   // the id(s) as given
  std::string kind;      // the store table
  std::string by;        // "daytype", "week", "month"
  std::string calendar;  // the calendar's name
  double coverage = 1;   // share of present (member-)hours
  std::vector<HourProfile> profiles;
};

struct ProfileOp {
  static constexpr const char* name = "profile";
  static constexpr const char* summary =
      "hour-of-day profiles and totals of a cell, segment or station by day type/week/month";
  static constexpr bool writesProject = false;
  using Params = ProfileParams;
  using Result = ProfileResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::flow
