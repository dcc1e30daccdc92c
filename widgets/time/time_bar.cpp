#include "time/time_bar.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "ekm/core/calendar.h"
#include "ekm/core/error.h"

namespace ekm::widgets {

namespace {
bool g_japanese = false;

// The frame of the previous tick may still be rendering after this long only if something
// went wrong (a render that never reported): playing then goes on regardless.
constexpr qint64 kFrameTimeoutMs = 2000;

core::HourKey startOfDay(core::HourKey hour) { return hour - core::jstFromHourKey(hour).hour; }
}  // namespace

bool uiIsJapanese() { return g_japanese; }
void setUiIsJapanese(bool japanese) { g_japanese = japanese; }

const std::vector<int>& TimeBar::speeds() {
  static const std::vector<int> values{1, 2, 4, 8, 24, 48};
  return values;
}

TimeBar::TimeBar(QWidget* parent) : QWidget(parent) {
  auto makeAction = [this](const QString& symbol, const QString& text, QKeySequence key, int hours) {
    auto* a = new QAction(text, this);
    a->setIconText(symbol);
    a->setToolTip(QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
    a->setShortcut(key);
    a->setAutoRepeat(true);
    connect(a, &QAction::triggered, this, [this, hours] { stepHours(hours); });
    return a;
  };
  m_dayBack = makeAction(QStringLiteral("«"), tr("One day back"), QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Left), -24);
  m_hourBack = makeAction(QStringLiteral("‹"), tr("One hour back"), QKeySequence(Qt::ALT | Qt::Key_Left), -1);
  m_hourForward = makeAction(QStringLiteral("›"), tr("One hour forward"), QKeySequence(Qt::ALT | Qt::Key_Right), 1);
  m_dayForward = makeAction(QStringLiteral("»"), tr("One day forward"), QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Right), 24);
  m_playAction = new QAction(this);
  m_playAction->setCheckable(true);
  m_playAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
  connect(m_playAction, &QAction::triggered, this, [this](bool checked) { setPlaying(checked); });
  updatePlayAction();

  auto* layout = new QVBoxLayout(this);
  auto* row = new QHBoxLayout;
  auto makeButton = [this](QAction* action) {
    auto* b = new QToolButton(this);
    b->setDefaultAction(action);
    b->setAutoRepeat(action != m_playAction);
    return b;
  };
  m_playButton = makeButton(m_playAction);
  m_playButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
  m_speedBox = new QComboBox(this);
  m_speedBox->setToolTip(tr("Playing speed: hours of data per second"));
  for (int s : speeds()) m_speedBox->addItem(tr("%1 h/s").arg(s), s);
  m_speedBox->setCurrentIndex(static_cast<int>(std::find(speeds().begin(), speeds().end(), m_speed) - speeds().begin()));
  connect(m_speedBox, &QComboBox::currentIndexChanged, this,
          [this](int i) { if (i >= 0) setSpeed(m_speedBox->itemData(i).toInt()); });
  m_slider = new QSlider(Qt::Horizontal, this);
  m_slider->setToolTip(tr("Hour shown on the map"));
  m_slider->setPageStep(24);
  row->addWidget(m_playButton);
  row->addWidget(m_speedBox);
  row->addWidget(makeButton(m_dayBack));
  row->addWidget(makeButton(m_hourBack));
  row->addWidget(m_slider, 1);
  row->addWidget(makeButton(m_hourForward));
  row->addWidget(makeButton(m_dayForward));
  layout->addLayout(row);

  m_label = new QLabel(this);
  m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont f = m_label->font();
  f.setPointSizeF(f.pointSizeF() * 1.15);
  f.setBold(true);
  m_label->setFont(f);
  m_filterBox = new QComboBox(this);
  m_filterBox->setToolTip(tr("Days that playing and stepping visit"));
  m_filterBox->addItem(tr("All days"), static_cast<int>(DayFilter::All));
  m_filterBox->addItem(tr("Weekdays"), static_cast<int>(DayFilter::Weekdays));
  m_filterBox->addItem(tr("Saturdays"), static_cast<int>(DayFilter::Saturdays));
  m_filterBox->addItem(tr("Sundays and holidays"), static_cast<int>(DayFilter::SundaysHolidays));
  connect(m_filterBox, &QComboBox::currentIndexChanged, this, [this](int i) {
    if (i >= 0) setDayFilter(static_cast<DayFilter>(m_filterBox->itemData(i).toInt()));
  });
  m_rangeLabel = new QLabel(this);
  auto* labels = new QHBoxLayout;
  labels->addWidget(m_label, 1);
  labels->addWidget(m_filterBox);
  labels->addWidget(m_rangeLabel);
  layout->addLayout(labels);

  connect(m_slider, &QSlider::valueChanged, this, [this](int v) { setHour(m_first + v); });
  m_playTimer.setTimerType(Qt::PreciseTimer);
  connect(&m_playTimer, &QTimer::timeout, this, &TimeBar::playTick);
  setSpeed(m_speed);
  setEnabled(false);
  updateLabel();
}

void TimeBar::setRange(core::HourKey first, core::HourKey last) {
  if (last < first) std::swap(first, last);
  m_first = first;
  m_last = last;
  m_hasRange = true;
  m_projectOpen = true;
  setEnabled(true);
  {
    const QSignalBlocker block(m_slider);
    m_slider->setRange(0, static_cast<int>(last - first));
  }
  m_rangeLabel->setText(tr("%1 – %2").arg(QString::fromStdString(core::formatDate(core::jstFromHourKey(first).date)),
                                          QString::fromStdString(core::formatDate(core::jstFromHourKey(last).date))));
  const core::HourKey h = std::clamp(m_hour, first, last);
  m_hour = h - 1;  // force the update and signal
  setHour(h);
}

void TimeBar::setHour(core::HourKey hour) {
  if (m_hasRange) hour = std::clamp(hour, m_first, m_last);
  if (hour == m_hour) return;
  m_hour = hour;
  {
    const QSignalBlocker block(m_slider);
    m_slider->setValue(static_cast<int>(hour - m_first));
  }
  updateLabel();
  emit hourChanged(hour);
}

bool TimeBar::hourMatches(core::HourKey hour, DayFilter filter) {
  if (filter == DayFilter::All) return true;
  const auto date = core::jstFromHourKey(hour).date;
  core::DayType type;
  try {
    type = core::dayType(date);
  } catch (const core::Error&) {
    // Outside the holiday calendar's years: by weekday only.
    const int dow = core::dayOfWeek(date);
    type = dow == 0 ? core::DayType::SundayHoliday : dow == 6 ? core::DayType::Saturday : core::DayType::Weekday;
  }
  switch (filter) {
    case DayFilter::Weekdays: return type == core::DayType::Weekday;
    case DayFilter::Saturdays: return type == core::DayType::Saturday;
    case DayFilter::SundaysHolidays: return type == core::DayType::SundayHoliday;
    case DayFilter::All: break;
  }
  return true;
}

std::optional<core::HourKey> TimeBar::nextMatching(core::HourKey from, int direction, int stepHours) const {
  if (!m_hasRange || direction == 0) return std::nullopt;
  direction = direction > 0 ? 1 : -1;
  core::HourKey h = from + direction * stepHours;
  while (h >= m_first && h <= m_last) {
    if (hourMatches(h, m_filter)) return h;
    if (stepHours >= 24) {
      h += direction * stepHours;
    } else {
      // The whole day does not match: jump to the first (last) hour of the next (previous) day.
      h = direction > 0 ? startOfDay(h) + 24 : startOfDay(h) - 1;
    }
  }
  return std::nullopt;
}

void TimeBar::stepHours(int hours) {
  if (hours == 0 || !m_hasRange) return;
  const int direction = hours > 0 ? 1 : -1;
  const int magnitude = std::abs(hours);
  if (magnitude % 24 == 0) {
    core::HourKey h = m_hour;
    for (int d = 0; d < magnitude / 24; ++d) {
      const auto next = nextMatching(h, direction, 24);
      if (!next) break;
      h = *next;
    }
    setHour(h);
    return;
  }
  core::HourKey h = m_hour;
  for (int i = 0; i < magnitude; ++i) {
    const auto next = nextMatching(h, direction, 1);
    if (!next) {
      if (m_filter == DayFilter::All) h = std::clamp<core::HourKey>(h + direction, m_first, m_last);
      break;
    }
    h = *next;
  }
  setHour(h);
}

void TimeBar::setDayFilter(DayFilter filter) {
  if (filter == m_filter) return;
  m_filter = filter;
  {
    const QSignalBlocker block(m_filterBox);
    m_filterBox->setCurrentIndex(m_filterBox->findData(static_cast<int>(filter)));
  }
  // Move onto a matching hour (forward first, then back) so the map shows what is asked for.
  if (m_hasRange && !hourMatches(m_hour, filter)) {
    if (auto next = nextMatching(m_hour, 1, 1))
      setHour(*next);
    else if (auto previous = nextMatching(m_hour, -1, 1))
      setHour(*previous);
  }
  emit dayFilterChanged(filter);
}

void TimeBar::setSpeed(int hoursPerSecond) {
  m_speed = std::max(1, hoursPerSecond);
  m_playTimer.setInterval(std::max(1, 1000 / m_speed));
  const int index = m_speedBox->findData(m_speed);
  if (index >= 0 && index != m_speedBox->currentIndex()) {
    const QSignalBlocker block(m_speedBox);
    m_speedBox->setCurrentIndex(index);
  }
}

void TimeBar::setPlaying(bool playing) {
  if (playing == isPlaying()) {
    updatePlayAction();
    return;
  }
  if (playing) {
    if (!m_hasRange) {
      updatePlayAction();
      return;
    }
    // At the end (or on a hour the filter excludes with nothing after it): start over.
    if (!nextMatching(m_hour, 1, 1)) {
      const core::HourKey start = hourMatches(m_first, m_filter) ? m_first : nextMatching(m_first, 1, 1).value_or(m_first);
      setHour(start);
    }
    m_awaitingFrame = false;
    m_playTimer.start();
  } else {
    m_playTimer.stop();
  }
  updatePlayAction();
  emit playingChanged(playing);
}

void TimeBar::playTick() {
  if (m_awaitingFrame && m_frameClock.elapsed() < kFrameTimeoutMs) return;  // drop this tick
  const auto next = nextMatching(m_hour, 1, 1);
  if (!next) {
    setPlaying(false);
    return;
  }
  m_awaitingFrame = true;
  m_frameClock.start();
  ++m_framesPlayed;
  setHour(*next);
}

void TimeBar::frameFinished() { m_awaitingFrame = false; }

void TimeBar::updatePlayAction() {
  const bool playing = isPlaying();
  m_playAction->setChecked(playing);
  m_playAction->setText(playing ? tr("Pause") : tr("Play"));
  m_playAction->setToolTip(playing ? tr("Pause the animation (Ctrl+Space)") : tr("Play the hours as an animation (Ctrl+Space)"));
  m_playAction->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void TimeBar::clearRange(bool projectOpen) {
  setPlaying(false);
  m_hasRange = false;
  m_projectOpen = projectOpen;
  m_rangeLabel->clear();
  setEnabled(false);
  updateLabel();
}

QString TimeBar::describeHour(core::HourKey hour, bool japanese) {
  static const char* const weekdays[] = {QT_TR_NOOP("Sun"), QT_TR_NOOP("Mon"), QT_TR_NOOP("Tue"),
                                         QT_TR_NOOP("Wed"), QT_TR_NOOP("Thu"), QT_TR_NOOP("Fri"),
                                         QT_TR_NOOP("Sat")};
  const core::JstDateTime jst = core::jstFromHourKey(hour);
  const QString date = QString::fromStdString(core::formatDate(jst.date));
  const QString weekday = tr(weekdays[core::dayOfWeek(jst.date)]);
  QString text = tr("%1 (%2) %3:00 JST").arg(date, weekday).arg(jst.hour, 2, 10, QLatin1Char('0'));
  try {
    if (const auto holiday = core::japaneseHoliday(jst.date))
      text += QStringLiteral(" · ") + QString::fromStdString(japanese ? holiday->ja : holiday->en);
  } catch (const core::Error&) {
    // Outside the calendar's years (1980-2099): no holiday shown.
  }
  return text;
}

QString TimeBar::currentText() const { return m_label->text(); }

void TimeBar::updateLabel() {
  if (m_hasRange)
    m_label->setText(describeHour(m_hour, uiIsJapanese()));
  else
    m_label->setText(m_projectOpen ? tr("No time series in this project") : tr("No project open"));
}

}  // namespace ekm::widgets
