#pragma once
// The assignment's convergence: relative gap per iteration on a log10 value axis (decades
// labelled 10^k), the target gap as a dashed line. Drawn with QPainter: ChartPanel (the
// project's Qt Charts wrapper) only has time and hour-of-day axes, not an iteration axis
// with a log scale; switch to it once it has one (see the helper's report).
#include <QString>
#include <QWidget>
#include <optional>
#include <vector>

namespace ekm::widgets {

class ConvergencePlot : public QWidget {
  Q_OBJECT

 public:
  explicit ConvergencePlot(QWidget* parent = nullptr);

  void clear();
  void setTarget(std::optional<double> gap);
  // Replaces the series: gaps[i] at iterations[i] (gaps <= 0 are drawn at the bottom decade).
  void setSeries(std::vector<int> iterations, std::vector<double> gaps);
  void appendPoint(int iteration, double gap);

  int pointCount() const { return static_cast<int>(m_gaps.size()); }
  const std::vector<double>& gaps() const { return m_gaps; }
  const std::vector<int>& iterations() const { return m_iterations; }
  // Decades shown on the value axis: [floor(log10 min), ceil(log10 max)].
  std::pair<int, int> decadeRange() const;

  QSize sizeHint() const override { return {360, 220}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::vector<int> m_iterations;
  std::vector<double> m_gaps;
  std::optional<double> m_target;
};

}  // namespace ekm::widgets
