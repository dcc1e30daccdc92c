#include "inspect/charts_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "charts/chart_panel.h"
#include "ekm/core/error.h"

namespace ekm::widgets {

namespace {
constexpr int kDefaultDays = 28;

const QColor kPalette[] = {{0x1f, 0x77, 0xb4}, {0xff, 0x7f, 0x0e}, {0x2c, 0xa0, 0x2c}, {0xd6, 0x27, 0x28},
                           {0x94, 0x67, 0xbd}, {0x8c, 0x56, 0x4b}, {0xe3, 0x77, 0xc2}, {0x7f, 0x7f, 0x7f},
                           {0xbc, 0xbd, 0x22}, {0x17, 0xbe, 0xcf}};
QColor paletteColour(std::size_t i) { return kPalette[i % std::size(kPalette)]; }

std::chrono::year_month_day ymdOf(const QDate& date) {
  return std::chrono::year_month_day{std::chrono::year(date.year()), std::chrono::month(static_cast<unsigned>(date.month())),
                                     std::chrono::day(static_cast<unsigned>(date.day()))};
}
QDate qdateOf(const std::chrono::year_month_day& d) {
  return QDate(static_cast<int>(d.year()), static_cast<int>(static_cast<unsigned>(d.month())),
               static_cast<int>(static_cast<unsigned>(d.day())));
}
QDate jstDateOf(core::HourKey hour) { return qdateOf(core::jstFromHourKey(hour).date); }

QString csvField(const QString& text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
    return text;
  QString quoted = text;
  quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}
QString csvNumber(double v) { return std::isfinite(v) ? QString::number(v, 'g', 12) : QString(); }

const char* kindKey(FeatureKind kind) {
  switch (kind) {
    case FeatureKind::MeshCell:
      return "cell";
    case FeatureKind::Segment:
      return "segment";
    case FeatureKind::Station:
      return "station";
    case FeatureKind::Other:
      break;
  }
  return "other";
}

Qt::PenStyle penStyleOf(core::DayType type) {
  switch (type) {
    case core::DayType::Weekday:
      return Qt::SolidLine;
    case core::DayType::Saturday:
      return Qt::DashLine;
    case core::DayType::SundayHoliday:
      return Qt::DotLine;
  }
  return Qt::SolidLine;
}
}  // namespace

struct ChartsPanel::Outcome {
  std::vector<Loaded> loaded;
  std::pair<QDate, QDate> period;
};

ChartsPanel::ChartsPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);

  auto* top = new QHBoxLayout();
  m_list = new QListWidget(this);
  m_list->setSelectionMode(QAbstractItemView::SingleSelection);
  m_list->setMaximumHeight(110);
  m_list->setToolTip(tr("Features added from the Inspector (\"Add to chart\")"));
  top->addWidget(m_list, 1);
  auto* listButtons = new QVBoxLayout();
  m_removeButton = new QPushButton(tr("Remove"), this);
  m_clearButton = new QPushButton(tr("Clear"), this);
  listButtons->addWidget(m_removeButton);
  listButtons->addWidget(m_clearButton);
  listButtons->addStretch(1);
  top->addLayout(listButtons);
  layout->addLayout(top);

  auto* form = new QFormLayout();
  m_modeBox = new QComboBox(this);
  m_modeBox->addItem(tr("Series over time"), static_cast<int>(Mode::Series));
  m_modeBox->addItem(tr("Hour-of-day profiles by day type"), static_cast<int>(Mode::Profiles));
  form->addRow(tr("Chart:"), m_modeBox);
  auto* periodRow = new QHBoxLayout();
  m_fromEdit = new QDateEdit(this);
  m_toEdit = new QDateEdit(this);
  for (QDateEdit* edit : {m_fromEdit, m_toEdit}) {
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
  }
  periodRow->addWidget(m_fromEdit);
  periodRow->addWidget(new QLabel(QStringLiteral("–"), this));
  periodRow->addWidget(m_toEdit);
  periodRow->addStretch(1);
  form->addRow(tr("Period (JST):"), periodRow);
  auto* profileRow = new QHBoxLayout();
  m_dayTypeBox = new QComboBox(this);
  m_dayTypeBox->addItem(tr("All day types"), static_cast<int>(DayTypes::All));
  m_dayTypeBox->addItem(tr("Weekday"), static_cast<int>(DayTypes::Weekday));
  m_dayTypeBox->addItem(tr("Saturday"), static_cast<int>(DayTypes::Saturday));
  m_dayTypeBox->addItem(tr("Sunday/holiday"), static_cast<int>(DayTypes::SundayHoliday));
  m_bandBox = new QCheckBox(tr("P10–P90 band"), this);
  profileRow->addWidget(m_dayTypeBox);
  profileRow->addWidget(m_bandBox);
  profileRow->addStretch(1);
  form->addRow(tr("Profiles:"), profileRow);
  layout->addLayout(form);

  auto* actions = new QHBoxLayout();
  m_progress = new QProgressBar(this);
  m_progress->setRange(0, 100);
  m_progress->setVisible(false);
  m_cancelButton = new QPushButton(tr("Cancel"), this);
  m_cancelButton->setEnabled(false);
  m_exportButton = new QPushButton(tr("Export CSV…"), this);
  m_exportButton->setEnabled(false);
  actions->addWidget(m_progress, 1);
  actions->addStretch(0);
  actions->addWidget(m_cancelButton);
  actions->addWidget(m_exportButton);
  layout->addLayout(actions);
  m_status = new QLabel(tr("Add features with \"Add to chart\" in the Inspector."), this);
  m_status->setWordWrap(true);
  layout->addWidget(m_status);
  m_chart = new ChartPanel(this);
  layout->addWidget(m_chart, 1);

  connect(m_removeButton, &QPushButton::clicked, this, [this] {
    if (m_list->currentRow() >= 0) removeFeature(m_list->currentRow());
  });
  connect(m_clearButton, &QPushButton::clicked, this, &ChartsPanel::clearFeatures);
  connect(m_cancelButton, &QPushButton::clicked, this, &ChartsPanel::cancel);
  connect(m_exportButton, &QPushButton::clicked, this, &ChartsPanel::exportWithDialog);
  connect(m_modeBox, &QComboBox::currentIndexChanged, this,
          [this] { setMode(static_cast<Mode>(m_modeBox->currentData().toInt())); });
  connect(m_dayTypeBox, &QComboBox::currentIndexChanged, this,
          [this] { setDayTypes(static_cast<DayTypes>(m_dayTypeBox->currentData().toInt())); });
  connect(m_bandBox, &QCheckBox::toggled, this, &ChartsPanel::setShowBand);
  auto periodEdited = [this] {
    if (m_fromEdit->date() <= m_toEdit->date()) setPeriod(m_fromEdit->date(), m_toEdit->date());
  };
  connect(m_fromEdit, &QDateEdit::dateChanged, this, periodEdited);
  connect(m_toEdit, &QDateEdit::dateChanged, this, periodEdited);
  m_dayTypeBox->setEnabled(false);
  m_bandBox->setEnabled(false);
}

// A load's task has this panel as its context: destroying the panel cancels it and drops its
// result (nothing waits for the worker).
ChartsPanel::~ChartsPanel() { m_task.cancel(); }

void ChartsPanel::setSession(SessionPtr session) {
  m_session = std::move(session);
  m_defaultPeriod.reset();
  m_period.reset();
  clearFeatures();
  updatePeriodEdits();
}

void ChartsPanel::setPeriod(const QDate& from, const QDate& to) {
  std::optional<std::pair<QDate, QDate>> period;
  if (from.isValid() && to.isValid() && from <= to) period = std::make_pair(from, to);
  if (period == m_period) return;
  m_period = period;
  updatePeriodEdits();
  reload();
}

void ChartsPanel::updatePeriodEdits() {
  const auto shown = m_period ? m_period : m_defaultPeriod;
  if (!shown) return;
  const QSignalBlocker b1(m_fromEdit), b2(m_toEdit);
  m_fromEdit->setDate(shown->first);
  m_toEdit->setDate(shown->second);
}

void ChartsPanel::setMode(Mode mode) {
  {
    const QSignalBlocker block(m_modeBox);
    m_modeBox->setCurrentIndex(m_modeBox->findData(static_cast<int>(mode)));
  }
  m_dayTypeBox->setEnabled(mode == Mode::Profiles);
  m_bandBox->setEnabled(mode == Mode::Profiles);
  if (mode == m_mode) return;
  m_mode = mode;
  redraw();
}

void ChartsPanel::setDayTypes(DayTypes dayTypes) {
  {
    const QSignalBlocker block(m_dayTypeBox);
    m_dayTypeBox->setCurrentIndex(m_dayTypeBox->findData(static_cast<int>(dayTypes)));
  }
  if (dayTypes == m_dayTypes) return;
  m_dayTypes = dayTypes;
  redraw();
}

void ChartsPanel::setShowBand(bool show) {
  {
    const QSignalBlocker block(m_bandBox);
    m_bandBox->setChecked(show);
  }
  if (show == m_showBand) return;
  m_showBand = show;
  redraw();
}

void ChartsPanel::addFeature(const FeatureRef& feature) {
  if (!feature.isValid()) return;
  for (const FeatureRef& f : m_features)
    if (f.sameFeature(feature)) return;
  m_features.push_back(feature);
  auto* item = new QListWidgetItem(
      tr("%1 — %2").arg(feature.title.isEmpty() ? QString::number(feature.fid) : feature.title,
                        FeatureSeriesText::kindLabel(feature.kind)),
      m_list);
  item->setToolTip(feature.layerName);
  reload();
}

void ChartsPanel::removeFeature(int index) {
  if (index < 0 || index >= static_cast<int>(m_features.size())) return;
  const FeatureRef removed = m_features[static_cast<std::size_t>(index)];
  m_features.erase(m_features.begin() + index);
  delete m_list->takeItem(index);
  if (m_loading) {
    reload();
    return;
  }
  m_loaded.erase(std::remove_if(m_loaded.begin(), m_loaded.end(),
                                [&](const Loaded& l) { return l.feature.sameFeature(removed); }),
                 m_loaded.end());
  redraw();
}

void ChartsPanel::clearFeatures() {
  m_task.cancel();
  ++m_generation;  // a load on its way is dropped
  m_loading = false;
  m_features.clear();
  m_loaded.clear();
  m_list->clear();
  m_progress->setVisible(false);
  m_cancelButton->setEnabled(false);
  m_status->setText(tr("Add features with \"Add to chart\" in the Inspector."));
  redraw();
}

void ChartsPanel::setHour(core::HourKey hour) {
  m_hour = hour;
  if (m_mode == Mode::Series)
    m_chart->setCurrentHour(hour, QString::fromStdString(core::formatHourKeyJst(hour)).left(16));
}

void ChartsPanel::reload() {
  if (m_features.empty() || !m_session || !m_session->tasks()) {
    m_loaded.clear();
    redraw();
    return;
  }
  startLoad();
}

void ChartsPanel::cancel() { m_task.cancel(); }

void ChartsPanel::startLoad() {
  const std::uint64_t generation = ++m_generation;
  m_loading = true;
  m_progress->setValue(0);
  m_progress->setVisible(true);
  m_cancelButton->setEnabled(true);
  m_status->setText(tr("Loading…"));
  const std::vector<FeatureRef> features = m_features;
  const auto period = m_period ? m_period : m_defaultPeriod;
  // Not listed in the Tasks dock: the panel shows its own progress and Cancel.
  TaskOptions options = TaskOptions::hiddenRead(QStringLiteral("charts-series"), this);
  options.onProgress = [this, generation](double percent) {
    if (generation == m_generation) m_progress->setValue(static_cast<int>(std::lround(percent)));
  };
  options.onCancelled = [this, generation] { loadEnded(generation, LoadStatus::Cancelled, {}); };
  m_task = m_session->tasks()->run(
      tr("Chart series"),
      [session = m_session, features, period](core::Feedback& feedback) {
        const store::Project& project = session->store();  // this thread's own connection
        Outcome outcome;
        core::HourKey from = 0, to = -1;
        if (period) {
          from = core::hourKeyFromJst(ymdOf(period->first), 0);
          to = core::hourKeyFromJst(ymdOf(period->second), 23);
        } else {
          // The last 28 whole JST days of the data of the features' kinds.
          std::optional<store::TimeRange> all;
          for (const FeatureRef& f : features)
            if (const auto range = seriesTimeRange(project, f.kind)) {
              if (!all) all = range;
              all->first = std::min(all->first, range->first);
              all->last = std::max(all->last, range->last);
            }
          if (all) {
            const std::int64_t lastDay = core::daysFromCivil(core::jstFromHourKey(all->last).date);
            from = std::max(all->first,
                            core::hourKeyFromJst(core::civilFromDays(lastDay - (kDefaultDays - 1)), 0));
            to = all->last;
          }
        }
        outcome.period = {jstDateOf(from), jstDateOf(std::max(from, to))};
        for (std::size_t i = 0; i < features.size(); ++i) {
          feedback.setProgress(100.0 * static_cast<double>(i) / static_cast<double>(features.size()));
          const FeatureRef& f = features[i];
          Loaded loaded;
          loaded.feature = f;
          auto series = loadFeatureSeries(project, f.kind, f.fid, from, to, false, feedback);
          if (!series.empty()) {
            loaded.measure = series.front().measure;
            loaded.series = std::move(series.front().series);
          } else {
            loaded.series = denseSeries({}, from, to);
          }
          loaded.profiles = dayTypeProfiles(loaded.series, flow::japanCalendar());
          outcome.loaded.push_back(std::move(loaded));
        }
        feedback.setProgress(100);
        return outcome;
      },
      [this, generation](Outcome outcome) { finishLoad(generation, std::move(outcome)); },
      [this, generation](const TaskError& error) { loadEnded(generation, LoadStatus::Failed, error.message); },
      options);
}

// A load that ended without data (cancelled or failed); a superseded one is ignored.
void ChartsPanel::loadEnded(std::uint64_t generation, LoadStatus status, const QString& message) {
  if (generation != m_generation) return;
  m_loading = false;
  m_progress->setVisible(false);
  m_cancelButton->setEnabled(false);
  m_status->setText(status == LoadStatus::Cancelled ? tr("Loading cancelled.")
                                                    : tr("The series could not be read: %1").arg(message));
  emit loadFinished(status, message);
}

void ChartsPanel::finishLoad(std::uint64_t generation, Outcome outcome) {
  if (generation != m_generation) return;  // superseded
  m_loading = false;
  m_progress->setVisible(false);
  m_cancelButton->setEnabled(false);
  m_loaded = std::move(outcome.loaded);
  if (!m_period) {
    m_defaultPeriod = outcome.period;
    updatePeriodEdits();
  }
  redraw();
  emit loadFinished(LoadStatus::Completed, {});
}

std::vector<core::DayType> ChartsPanel::shownDayTypes() const {
  switch (m_dayTypes) {
    case DayTypes::Weekday:
      return {core::DayType::Weekday};
    case DayTypes::Saturday:
      return {core::DayType::Saturday};
    case DayTypes::SundayHoliday:
      return {core::DayType::SundayHoliday};
    case DayTypes::All:
      break;
  }
  return {core::DayType::Weekday, core::DayType::Saturday, core::DayType::SundayHoliday};
}

QString ChartsPanel::featureName(const Loaded& loaded) const {
  QString name = loaded.feature.title.isEmpty() ? FeatureSeriesText::kindLabel(loaded.feature.kind) +
                                                      QLatin1Char(' ') + QString::number(loaded.feature.fid)
                                                : loaded.feature.title;
  // Two features with the same title (e.g. two segments of one street) stay apart.
  int same = 0;
  for (const Loaded& l : m_loaded) same += l.feature.title == loaded.feature.title ? 1 : 0;
  if (same > 1) name += QStringLiteral(" #%1").arg(loaded.feature.fid);
  return name;
}

void ChartsPanel::redraw() {
  m_chart->clear();
  m_exportButton->setEnabled(!m_loaded.empty());
  if (m_loaded.empty()) return;
  bool oneKind = true;
  for (const Loaded& l : m_loaded) oneKind &= l.feature.kind == m_loaded.front().feature.kind;
  m_chart->setValueAxisTitle(oneKind ? FeatureSeriesText::valueAxisTitle(m_loaded.front().feature.kind) : tr("Value"));
  // Profiles of several features and day types make a long legend: beside the chart.
  const bool manyLines = m_mode == Mode::Profiles && m_loaded.size() * shownDayTypes().size() > 3;
  m_chart->setLegendAlignment(manyLines ? Qt::AlignRight : Qt::AlignBottom);
  std::size_t present = 0;
  for (std::size_t i = 0; i < m_loaded.size(); ++i) {
    const Loaded& l = m_loaded[i];
    present += l.series.presentCount();
    const QString name = featureName(l);
    if (m_mode == Mode::Series) {
      m_chart->addLine(name, l.series.start, l.series.values, paletteColour(i));
      continue;
    }
    const auto types = shownDayTypes();
    for (const DayTypeProfile& p : l.profiles) {
      if (std::find(types.begin(), types.end(), p.dayType) == types.end()) continue;
      const QString label = tr("%1 — %2").arg(name, dayTypeLabel(p.dayType));
      if (m_showBand)
        m_chart->addProfileBand(tr("%1 P10–P90").arg(label), {p.p10.begin(), p.p10.end()}, {p.p90.begin(), p.p90.end()},
                                paletteColour(i));
      m_chart->addProfile(label, {p.mean.begin(), p.mean.end()}, paletteColour(i), false,
                          types.size() > 1 ? penStyleOf(p.dayType) : Qt::SolidLine);
    }
  }
  if (m_mode == Mode::Series && m_hour) setHour(*m_hour);
  const auto period = m_period ? m_period : m_defaultPeriod;
  const QString span = period ? tr("%1 to %2").arg(period->first.toString(Qt::ISODate), period->second.toString(Qt::ISODate))
                              : QString();
  m_status->setText(present ? span : tr("%1: no values in this period.").arg(span));
}

QString ChartsPanel::dayTypeLabel(core::DayType type) {
  switch (type) {
    case core::DayType::Weekday:
      return tr("Weekday");
    case core::DayType::Saturday:
      return tr("Saturday");
    case core::DayType::SundayHoliday:
      return tr("Sunday/holiday");
  }
  return {};
}

QString ChartsPanel::csvText() const {
  QString out;
  if (m_loaded.empty()) return out;
  if (m_mode == Mode::Series) {
    out += QStringLiteral("time_jst");
    core::HourKey start = m_loaded.front().series.start, end = m_loaded.front().series.end();
    for (const Loaded& l : m_loaded) {
      out += QLatin1Char(',') + csvField(QStringLiteral("%1 [%2]").arg(featureName(l), FeatureSeriesText::measureKey(l.measure)));
      start = std::min(start, l.series.start);
      end = std::max(end, l.series.end());
    }
    out += QLatin1Char('\n');
    for (core::HourKey t = start; t < end; ++t) {
      out += QString::fromStdString(core::formatHourKeyJst(t));
      for (const Loaded& l : m_loaded) out += QLatin1Char(',') + csvNumber(l.series.at(t));
      out += QLatin1Char('\n');
    }
    return out;
  }
  out += m_showBand ? QStringLiteral("feature,kind,measure,day_type,hour,mean,p10,p90,count\n")
                    : QStringLiteral("feature,kind,measure,day_type,hour,mean,count\n");
  const auto types = shownDayTypes();
  for (const Loaded& l : m_loaded)
    for (const DayTypeProfile& p : l.profiles) {
      if (std::find(types.begin(), types.end(), p.dayType) == types.end()) continue;
      for (int h = 0; h < 24; ++h) {
        out += csvField(featureName(l)) + QLatin1Char(',') + QLatin1String(kindKey(l.feature.kind)) + QLatin1Char(',') +
               FeatureSeriesText::measureKey(l.measure) + QLatin1Char(',') + QLatin1String(core::dayTypeName(p.dayType)) +
               QLatin1Char(',') + QString::number(h) + QLatin1Char(',') + csvNumber(p.mean[h]);
        if (m_showBand) out += QLatin1Char(',') + csvNumber(p.p10[h]) + QLatin1Char(',') + csvNumber(p.p90[h]);
        out += QLatin1Char(',') + QString::number(p.count[h]) + QLatin1Char('\n');
      }
    }
  return out;
}

bool ChartsPanel::exportCsv(const QString& path, QString* error) const {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  file.write(csvText().toUtf8());
  if (!file.commit()) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

void ChartsPanel::exportWithDialog() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export chart data"), QString(), tr("CSV files (*.csv)"));
  if (path.isEmpty()) return;
  QString error;
  if (!exportCsv(path, &error)) QMessageBox::critical(this, tr("Export failed"), error);
  else m_status->setText(tr("Exported to %1").arg(path));
}

}  // namespace ekm::widgets
