#include "time/time_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "ekm/core/calendar.h"
#include "ekm/core/error.h"

namespace ekm::widgets {

namespace {
bool g_japanese = false;
}

bool uiIsJapanese() { return g_japanese; }
void setUiIsJapanese(bool japanese) { g_japanese = japanese; }

TimeBar::TimeBar(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* row = new QHBoxLayout;
  auto makeButton = [this](const QString& text, const QString& tip, int hours) {
    auto* b = new QToolButton(this);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRepeat(true);
    connect(b, &QToolButton::clicked, this, [this, hours] { stepHours(hours); });
    return b;
  };
  m_prevDay = makeButton(QStringLiteral("«"), tr("One day back"), -24);
  m_prevHour = makeButton(QStringLiteral("‹"), tr("One hour back"), -1);
  m_nextHour = makeButton(QStringLiteral("›"), tr("One hour forward"), 1);
  m_nextDay = makeButton(QStringLiteral("»"), tr("One day forward"), 24);
  m_slider = new QSlider(Qt::Horizontal, this);
  m_slider->setToolTip(tr("Hour shown on the map"));
  m_slider->setPageStep(24);
  m_label = new QLabel(this);
  m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont f = m_label->font();
  f.setPointSizeF(f.pointSizeF() * 1.15);
  f.setBold(true);
  m_label->setFont(f);
  m_rangeLabel = new QLabel(this);
  row->addWidget(m_prevDay);
  row->addWidget(m_prevHour);
  row->addWidget(m_slider, 1);
  row->addWidget(m_nextHour);
  row->addWidget(m_nextDay);
  layout->addLayout(row);
  auto* labels = new QHBoxLayout;
  labels->addWidget(m_label, 1);
  labels->addWidget(m_rangeLabel);
  layout->addLayout(labels);
  connect(m_slider, &QSlider::valueChanged, this, [this](int v) { setHour(m_first + v); });
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

void TimeBar::stepHours(int hours) { setHour(m_hour + hours); }

void TimeBar::clearRange(bool projectOpen) {
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
