#pragma once
// The Scenarios dock's list of stored runs (RunListModel, newest first): pick two runs to
// compare (the older is A), or one to edit its scenario again.
#include <QWidget>
#include <cstdint>
#include <vector>

#include "ekm/store/run_store.h"

class QLabel;
class QPushButton;
class QTableView;

namespace ekm::widgets {

class RunListModel;

class RunsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit RunsPanel(QWidget* parent = nullptr);

  void setRuns(std::vector<store::RunRecord> runs);
  void setMessage(const QString& text);
  RunListModel* model() const { return m_model; }
  QTableView* view() const { return m_view; }
  // Selects these runs (ids); unknown ids are ignored.
  void selectRuns(const std::vector<std::int64_t>& ids);
  // Selected run ids, smallest (oldest) first.
  std::vector<std::int64_t> selectedRuns() const;

 signals:
  void refreshRequested();
  void compareRequested(qint64 a, qint64 b);
  void editRequested(qint64 run);

 private:
  void updateButtons();
  RunListModel* m_model = nullptr;
  QTableView* m_view = nullptr;
  QLabel* m_message = nullptr;
  QPushButton* m_compare = nullptr;
  QPushButton* m_edit = nullptr;
};

}  // namespace ekm::widgets
