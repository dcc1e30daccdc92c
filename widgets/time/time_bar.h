#pragma once
// The time dock's content: a slider over the project's time range (hourly), play/pause with a
// speed in hours per second, step buttons (hour and day), the current JST date-time with
// weekday and Japanese holiday name, and a day-type filter (all days / weekdays / Saturdays /
// Sundays and holidays) that playing and stepping respect.
//
// Playing never blocks and never queues frames: a QTimer ticks at the chosen speed, but the
// next hour is only requested once the previous frame was shown (frameFinished(), connected
// to the canvas's mapRendered) — when rendering is slower than the speed, ticks are dropped.
#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>
#include <optional>
#include <vector>

#include "ekm/core/time.h"

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace ekm::widgets {

enum class DayFilter { All, Weekdays, Saturdays, SundaysHolidays };

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

  // Day-type filter (Japanese calendar: holidays count as Sundays).
  static bool hourMatches(core::HourKey hour, DayFilter filter);
  DayFilter dayFilter() const { return m_filter; }
  void setDayFilter(DayFilter filter);
  // The next hour after `from` (direction +1/-1, by `stepHours` hours: 1 or 24) whose day
  // matches the filter and lies in the range; nullopt when there is none.
  std::optional<core::HourKey> nextMatching(core::HourKey from, int direction, int stepHours) const;

  // Playing speed in hours of data per second of wall time.
  int speed() const { return m_speed; }
  void setSpeed(int hoursPerSecond);
  static const std::vector<int>& speeds();
  bool isPlaying() const { return m_playTimer.isActive(); }
  int framesPlayed() const { return m_framesPlayed; }

  // Actions with shortcuts (the main window puts them in its Time menu).
  QAction* playAction() const { return m_playAction; }
  QAction* hourBackAction() const { return m_hourBack; }
  QAction* hourForwardAction() const { return m_hourForward; }
  QAction* dayBackAction() const { return m_dayBack; }
  QAction* dayForwardAction() const { return m_dayForward; }

 public slots:
  void setHour(core::HourKey hour);
  // Steps by hours (|hours| < 24) or by whole days (multiples of 24), skipping hours whose
  // day does not match the filter; stays put when no matching hour is left in that direction.
  void stepHours(int hours);
  void setPlaying(bool playing);
  void togglePlaying() { setPlaying(!isPlaying()); }
  // The frame for the current hour was shown (or dropped): playing may request the next.
  void frameFinished();

 signals:
  void hourChanged(core::HourKey hour);
  void playingChanged(bool playing);
  void dayFilterChanged(DayFilter filter);

 private:
  void playTick();
  void updateLabel();
  void updatePlayAction();
  QSlider* m_slider = nullptr;
  QLabel* m_label = nullptr;
  QLabel* m_rangeLabel = nullptr;
  QToolButton* m_playButton = nullptr;
  QComboBox* m_speedBox = nullptr;
  QComboBox* m_filterBox = nullptr;
  QAction* m_playAction = nullptr;
  QAction* m_hourBack = nullptr;
  QAction* m_hourForward = nullptr;
  QAction* m_dayBack = nullptr;
  QAction* m_dayForward = nullptr;
  QTimer m_playTimer;
  QElapsedTimer m_frameClock;  // since the last requested frame
  bool m_awaitingFrame = false;
  int m_framesPlayed = 0;
  int m_speed = 4;
  DayFilter m_filter = DayFilter::All;
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
