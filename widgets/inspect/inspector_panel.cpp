#include "inspect/inspector_panel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "charts/chart_panel.h"
#include "ekm/core/error.h"

namespace ekm::widgets {

namespace {
constexpr core::HourKey kWeekHalfHours = 84;       // a 7-day window
constexpr core::HourKey kMonthHalfHours = 14 * 24;  // a 28-day window

QColor colourOf(Measure measure) {
  switch (measure) {
    case Measure::Population:
    case Measure::Ridership:
      return QColor(0x1f, 0x77, 0xb4);
    case Measure::Pedestrians:
      return QColor(0x2c, 0xa0, 0x2c);
    case Measure::Bicycles:
      return QColor(0x94, 0x67, 0xbd);
    case Measure::Vehicles:
      return QColor(0x8c, 0x56, 0x4b);
    case Measure::Boardings:
      return QColor(0x1f, 0x77, 0xb4);
    case Measure::Alightings:
      return QColor(0xff, 0x7f, 0x0e);
  }
  return Qt::black;
}
}  // namespace

struct InspectorPanel::Outcome {
  std::optional<store::TimeRange> range;
  std::pair<core::HourKey, core::HourKey> window{0, -1};
  std::vector<MeasureSeries> series;
};

InspectorPanel::InspectorPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  m_title = new QLabel(tr("Click a mesh cell, road segment or station on the map."), this);
  m_title->setWordWrap(true);
  QFont bold = m_title->font();
  bold.setBold(true);
  bold.setPointSizeF(bold.pointSizeF() * 1.15);
  m_title->setFont(bold);
  m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_title);
  m_subtitle = new QLabel(this);
  m_subtitle->setWordWrap(true);
  layout->addWidget(m_subtitle);

  m_attributes = new QTableWidget(0, 2, this);
  m_attributes->setHorizontalHeaderLabels({tr("Attribute"), tr("Value")});
  m_attributes->horizontalHeader()->setStretchLastSection(true);
  m_attributes->verticalHeader()->hide();
  m_attributes->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_attributes->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_attributes->setMaximumHeight(160);
  layout->addWidget(m_attributes);

  auto* row = new QHBoxLayout();
  row->addWidget(new QLabel(tr("Period:"), this));
  m_windowButtons = new QButtonGroup(this);
  const std::pair<Window, QString> windows[] = {
      {Window::Week, tr("Week")}, {Window::Month, tr("Month")}, {Window::All, tr("All")}};
  for (const auto& [w, text] : windows) {
    auto* button = new QToolButton(this);
    button->setText(text);
    button->setCheckable(true);
    button->setChecked(w == m_window);
    m_windowButtons->addButton(button, static_cast<int>(w));
    row->addWidget(button);
  }
  m_windowButtons->button(0)->setToolTip(tr("The week around the current hour"));
  m_windowButtons->button(1)->setToolTip(tr("14 days before and after the current hour"));
  m_windowButtons->button(2)->setToolTip(tr("The whole time range of the project"));
  row->addStretch(1);
  m_addButton = new QPushButton(tr("Add to chart"), this);
  m_addButton->setToolTip(tr("Add this feature to the Charts dock"));
  m_addButton->setEnabled(false);
  row->addWidget(m_addButton);
  layout->addLayout(row);

  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  layout->addWidget(m_status);
  m_chart = new ChartPanel(this);
  m_chart->setMinimumHeight(200);  // room for the value axis labels
  layout->addWidget(m_chart, 1);

  connect(m_windowButtons, &QButtonGroup::idClicked, this, [this](int id) { setWindow(static_cast<Window>(id)); });
  connect(m_addButton, &QPushButton::clicked, this, [this] {
    if (m_feature) emit addToChartRequested(FeatureRef::fromIdentify(*m_feature));
  });
}

// A load's task has this panel as its context: destroying the panel cancels it and drops its
// result (nothing waits for the worker).
InspectorPanel::~InspectorPanel() { m_task.cancel(); }

void InspectorPanel::setSession(SessionPtr session) {
  m_session = std::move(session);
  clearFeature();
}

void InspectorPanel::setWindow(Window window) {
  if (auto* button = m_windowButtons->button(static_cast<int>(window))) button->setChecked(true);
  if (window == m_window) return;
  m_window = window;
  reload();
}

std::pair<core::HourKey, core::HourKey> InspectorPanel::windowAround(core::HourKey hour, Window window,
                                                                   const store::TimeRange& range) {
  if (window == Window::All) return {range.first, range.last};
  const core::HourKey half = window == Window::Week ? kWeekHalfHours : kMonthHalfHours;
  const core::HourKey centre = std::clamp(hour, range.first, std::max(range.first, range.last));
  core::HourKey from = centre - half, to = centre + half;
  if (from < range.first) {
    to = std::min(range.last, to + (range.first - from));
    from = range.first;
  }
  if (to > range.last) {
    from = std::max(range.first, from - (to - range.last));
    to = range.last;
  }
  return {from, to};
}

void InspectorPanel::showFeature(const render::IdentifyResult& result) {
  const bool sameKind = m_feature && m_feature->kind == result.kind;
  m_feature = result;
  if (!sameKind) m_range.reset();
  fillAttributes();
  m_addButton->setEnabled(result.fid >= 0 && result.kind != FeatureKind::Other);
  reload();
}

void InspectorPanel::clearFeature() {
  m_task.cancel();
  ++m_generation;  // a load on its way is dropped
  m_loading = false;
  m_feature.reset();
  m_range.reset();
  m_loadedWindow.reset();
  m_series.clear();
  m_title->setText(tr("Click a mesh cell, road segment or station on the map."));
  m_subtitle->clear();
  m_attributes->setRowCount(0);
  m_addButton->setEnabled(false);
  m_status->clear();
  m_chart->clear();
}

QString InspectorPanel::currentHourLabel() const {
  return m_hour ? QString::fromStdString(core::formatHourKeyJst(*m_hour)).left(16) : QString();
}

void InspectorPanel::fillAttributes() {
  const render::IdentifyResult& f = *m_feature;
  m_title->setText(f.title.isEmpty() ? FeatureSeriesText::kindLabel(f.kind) : f.title);
  m_subtitle->setText(tr("%1 · layer %2").arg(FeatureSeriesText::kindLabel(f.kind), f.layerName));
  std::vector<std::pair<QString, QString>> rows = f.attributes;
  if (!f.valueText.isEmpty()) rows.emplace_back(tr("Value at the map's hour"), f.valueText);
  if (f.fid >= 0) rows.emplace_back(tr("Feature id"), QString::number(f.fid));
  m_attributes->setRowCount(static_cast<int>(rows.size()));
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    m_attributes->setItem(i, 0, new QTableWidgetItem(rows[static_cast<std::size_t>(i)].first));
    m_attributes->setItem(i, 1, new QTableWidgetItem(rows[static_cast<std::size_t>(i)].second));
  }
  m_attributes->resizeColumnToContents(0);
}

void InspectorPanel::setHour(core::HourKey hour) {
  m_hour = hour;
  m_chart->setCurrentHour(hour, currentHourLabel());  // moves the line only
  if (!m_feature || m_loading || !m_loadedWindow || !m_range || m_window == Window::All) return;
  if (hour >= m_loadedWindow->first && hour <= m_loadedWindow->second) return;
  if (windowAround(hour, m_window, *m_range) != *m_loadedWindow) reload();
}

void InspectorPanel::reload() {
  if (!m_feature) return;
  if (!m_session || !m_session->tasks()) {
    m_status->setText(tr("Open a project to see the time series."));
    return;
  }
  if (m_feature->fid < 0 || m_feature->kind == FeatureKind::Other) {
    m_status->setText(tr("This feature has no time series."));
    m_chart->clear();
    return;
  }
  startLoad();
}

void InspectorPanel::startLoad() {
  const std::uint64_t generation = ++m_generation;
  m_loading = true;
  ++m_loadsStarted;
  m_status->setText(tr("Loading the series…"));
  const FeatureKind kind = m_feature->kind;
  const std::int64_t fid = m_feature->fid;
  const std::optional<core::HourKey> hour = m_hour;
  const Window window = m_window;
  // A read per click, not listed in the Tasks dock: the panel shows its own state.
  m_task = m_session->tasks()->run(
      tr("Inspector series"),
      [session = m_session, kind, fid, hour, window](core::Feedback& feedback) {
        const store::Project& project = session->store();  // this thread's own connection
        Outcome outcome;
        outcome.range = seriesTimeRange(project, kind);
        if (outcome.range) {
          outcome.window = windowAround(hour.value_or(outcome.range->last), window, *outcome.range);
          outcome.series = loadFeatureSeries(project, kind, fid, outcome.window.first, outcome.window.second, true,
                                             feedback);
        }
        return outcome;
      },
      [this, generation](Outcome outcome) { loadFinished(generation, std::move(outcome)); },
      [this, generation](const TaskError& error) {
        if (generation != m_generation) return;
        m_loading = false;
        m_series.clear();
        m_loadedWindow.reset();
        m_chart->clear();
        m_status->setText(tr("The series could not be read: %1").arg(error.message));
        emit seriesLoaded(false, error.message);
      },
      TaskOptions::hiddenRead(QStringLiteral("inspector-series"), this));
}

void InspectorPanel::loadFinished(std::uint64_t generation, Outcome outcome) {
  if (generation != m_generation) return;  // a newer load (or a cleared feature) supersedes it
  m_loading = false;
  m_range = outcome.range;
  m_series = std::move(outcome.series);
  if (m_range)
    m_loadedWindow = outcome.window;
  else
    m_loadedWindow.reset();
  fillChart();
  emit seriesLoaded(true, {});
  // The hour may have moved on while loading.
  if (m_hour && m_loadedWindow && m_window != Window::All &&
      (*m_hour < m_loadedWindow->first || *m_hour > m_loadedWindow->second) &&
      windowAround(*m_hour, m_window, *m_range) != *m_loadedWindow)
    reload();
}

void InspectorPanel::fillChart() {
  m_chart->clear();
  if (!m_range) {
    m_status->setText(tr("The project has no time series of this kind."));
    return;
  }
  m_chart->setValueAxisTitle(FeatureSeriesText::valueAxisTitle(m_feature->kind));
  std::size_t present = 0, total = 0;
  for (const MeasureSeries& s : m_series) {
    m_chart->addLine(FeatureSeriesText::measureLabel(s.measure), s.series.start, s.series.values,
                     colourOf(s.measure));
    present += s.series.presentCount();
    total += s.series.size();
  }
  if (m_hour) m_chart->setCurrentHour(*m_hour, currentHourLabel());
  const QString from = QString::fromStdString(core::formatHourKeyJst(m_loadedWindow->first)).left(10);
  const QString to = QString::fromStdString(core::formatHourKeyJst(m_loadedWindow->second)).left(10);
  if (present == 0)
    m_status->setText(tr("No values for this feature from %1 to %2.").arg(from, to));
  else
    m_status->setText(tr("%1 to %2: %3 of %4 hours have values (gaps are missing hours).")
                          .arg(from, to, QLocale().toString(static_cast<qlonglong>(present)),
                               QLocale().toString(static_cast<qlonglong>(total))));
}

}  // namespace ekm::widgets
