#pragma once
// The time bar: a slider over the project's time range (hourly), step buttons, and the
// current JST date-time with weekday and Japanese holiday name.
#include <QWidget>

#include "ekm/core/time.h"

class QLabel;
class QSlider;
class QToolButton;

namespace ekm::widgets {

class TimeBar : public QWidget {
  Q_OBJECT

 public:
  explicit TimeBar(QWidget* parent = nullptr);

  // Sets the range (inclusive) and keeps the current hour inside it.
  void setRange(core::HourKey first, core::HourKey last);
  // No range: "No project open", or "No time series in this project" when projectOpen.
  void clearRange(bool projectOpen);
  core::HourKey first() const { return m_first; }
  core::HourKey last() const { return m_last; }
  core::HourKey hour() const { return m_hour; }
  bool hasRange() const { return m_hasRange; }
  // Text shown for an hour, e.g. "2025-03-20 (Thu) 12:00 JST · Vernal Equinox Day".
  static QString describeHour(core::HourKey hour, bool japanese);
  QString currentText() const;

 public slots:
  void setHour(core::HourKey hour);
  void stepHours(int hours);

 signals:
  void hourChanged(core::HourKey hour);

 private:
  void updateLabel();
  QSlider* m_slider = nullptr;
  QLabel* m_label = nullptr;
  QLabel* m_rangeLabel = nullptr;
  QToolButton* m_prevDay = nullptr;
  QToolButton* m_prevHour = nullptr;
  QToolButton* m_nextHour = nullptr;
  QToolButton* m_nextDay = nullptr;
  core::HourKey m_first = 0;
  core::HourKey m_last = 0;
  core::HourKey m_hour = 0;
  bool m_hasRange = false;
  bool m_projectOpen = false;
};

// True when the UI language is Japanese (the Japanese translation is loaded).
bool uiIsJapanese();
void setUiIsJapanese(bool japanese);

}  // namespace ekm::widgets
