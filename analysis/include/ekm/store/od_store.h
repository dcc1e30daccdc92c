#pragma once
// Origin-destination matrices by period (table od_matrices, schema version 7).
#include <string>
#include <vector>

#include "ekm/store/project.h"

namespace ekm::store {

struct OdRow {
  std::string origin;
  std::string destination;
  double trips = 0;
};

// Replaces the period's rows (one transaction). The order is kept: readers get the rows
// back as written.
void saveOdRows(Project& project, const std::string& period, const std::vector<OdRow>& rows);
// The period's rows in the order written; empty when the period is unknown.
std::vector<OdRow> odRows(const Project& project, const std::string& period);
// Saved periods, sorted.
std::vector<std::string> odPeriods(const Project& project);
void deleteOdPeriod(Project& project, const std::string& period);

}  // namespace ekm::store
