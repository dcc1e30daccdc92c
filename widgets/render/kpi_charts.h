#pragma once
// Category charts painted with QPainter on any device (the operator report's PDF pages and
// the Mobility dock draw the same pixels): grouped bars, lines and horizontal reference lines
// over categories (months, routes, hours), with a legend row, y ticks at round numbers and the
// small-count rule — a value of a people series whose count of people is below 10 is not drawn
// and is marked "*"
// (ekm/privacy/small_count.h). The builders turn the ridership KPIs (ekm/mobility/ridership.h)
// into the charts of the report and the dock, with texts in the export language.
#include <QColor>
#include <QPainter>
#include <QRectF>
#include <QString>
#include <vector>

#include "ekm/mobility/ridership.h"
#include "ekm/store/transit_store.h"
#include "render/map_settings.h"

namespace ekm::render {

struct ChartSeries {
  enum class Kind { Bars, Line, Reference };  // Reference: a horizontal line at values[0]
  QString name;
  QColor colour;
  Kind kind = Kind::Bars;
  std::vector<double> values;  // one per category (NaN: none); Reference: one value
  bool dashed = false;
  bool people = true;  // a count of people: values below 10 are suppressed
  // For a people series whose values are not counts themselves (a mean load per bus, riders
  // per day): the count of people behind each value (as values). The small-count rule then
  // applies to these counts, not to the value - a mean of 3 riders on board over 40 boardings
  // is drawn. Empty: the values are the counts.
  std::vector<double> counts;
};

struct CategoryChart {
  QString title;
  QString yLabel;
  std::vector<QString> categories;
  int labelEvery = 1;  // x labels on every n-th category
  std::vector<ChartSeries> series;
};

struct ChartGeometry {
  QRectF plot;                // the plot area
  double yMax = 0;            // value at the top of the plot
  int suppressed = 0;         // values not drawn by the small-count rule
  std::vector<QRectF> bars;   // every bar drawn
};

// Paints the chart into `rect`; u = pixels per style unit (1 for a 1600 px wide page).
ChartGeometry paintCategoryChart(QPainter& painter, const QRectF& rect, const CategoryChart& chart, double u);

// A round step for about `ticks` intervals up to `maxValue` (1, 2, 2.5, 5 x 10^k).
double niceStep(double maxValue, int ticks);
// "1,234,567" (no decimals) or with `decimals`.
QString groupedNumber(double value, int decimals = 0);

// The charts of the ridership KPIs.
// Monthly riders (bars) against the target's and the baseline's monthly pace (lines).
CategoryChart monthlyRidersChart(const mobility::RidershipKpis& kpis, const mobility::KpiOptions& options,
                                 LabelLanguage language);
// The trailing 12-month total, the target and baseline, and the projection at the trend over
// the 12 months after the latest month (dashed).
CategoryChart trailingTotalChart(const mobility::RidershipKpis& kpis, const mobility::KpiOptions& options,
                                 LabelLanguage language);
// Riders per route in `month` (and the same month a year before, when recorded).
CategoryChart routeRidersChart(const mobility::RidershipKpis& kpis, const std::vector<store::GtfsRoute>& routes,
                               const std::string& month, LabelLanguage language);
// Boardings per day by hour, one line per day type (weekday, Saturday, Sunday/holiday).
CategoryChart hourlyBoardingsChart(const mobility::RidershipKpis& kpis, LabelLanguage language);
// Mean riders on board leaving a stop, by hour and day type.
CategoryChart hourlyLoadChart(const mobility::RidershipKpis& kpis, LabelLanguage language);

// Colours of the day types and of the routes' bars.
QColor dayTypeColour(int index);  // 0 weekday, 1 Saturday, 2 Sunday/holiday
// Japanese, English or both names of a day type ("weekday", "saturday", "sunday_holiday").
QString dayTypeLabel(const std::string& dayType, LabelLanguage language);

}  // namespace ekm::render
