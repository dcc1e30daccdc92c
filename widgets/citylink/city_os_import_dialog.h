#pragma once
// File > Import from City OS…: people and traffic counts from an NGSI-LD broker (the district's
// city OS) into the open project, through the one operation `citylink-pull` (the same Params as
// `ekimachi-cli citylink pull`):
//  - the form is generated from the operation's fields (broker URL, entity type, period,
//    tenant, @context, matching, paging); it starts from the settings of the project's last
//    successful pull (ekm_meta citylink.last_pull, written by the operation; never a token —
//    the bearer token comes from EKM_NGSI_LD_TOKEN or the config file, as in the CLI);
//  - Preview runs the operation as a dry run on the TaskManager: the first entities, the
//    match of every entity (segment or station, method, distance) and a map of the matched
//    segments; nothing is stored;
//  - Import runs it for real as a background task with progress and Cancel (all or nothing);
//    `imported` tells the main window to reload the project's layers.
// Nothing here waits for a worker; a newer preview or import replaces an older one.
#include <QDialog>
#include <optional>

#include "ekm/citylink/citylink_ops.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace ekm::widgets {

class MatchPreviewMap;
class ParamsForm;

class CityOsImportDialog : public QDialog {
  Q_OBJECT

 public:
  explicit CityOsImportDialog(SessionPtr session, QWidget* parent = nullptr);
  ~CityOsImportDialog() override;

  ParamsForm* form() const { return m_form; }
  QPushButton* previewButton() const { return m_preview; }
  QPushButton* importButton() const { return m_import; }
  QPushButton* cancelButton() const { return m_cancel; }
  QTableWidget* entitiesTable() const { return m_entities; }
  QTableWidget* matchesTable() const { return m_matches; }
  MatchPreviewMap* map() const { return m_map; }
  QString statusText() const;
  // The last preview's or import's result.
  const std::optional<citylink::CitylinkPullResult>& lastResult() const { return m_result; }

 public slots:
  void runPreview();
  void runImport();

 signals:
  // The project's last pull settings were read and put into the form (or there were none).
  void settingsLoaded();
  void previewReady();
  void imported(qint64 segmentRows, qint64 stationRows);
  void failed(const QString& message);

 private:
  void loadLastSettings();
  void start(bool dryRun);
  void showResult(const citylink::CitylinkPullResult& result);
  void setBusy(bool busy);
  void setStatus(const QString& text, bool error = false);

  SessionPtr m_session;
  ParamsForm* m_form = nullptr;
  QPushButton* m_preview = nullptr;
  QPushButton* m_import = nullptr;
  QPushButton* m_cancel = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
  QTableWidget* m_entities = nullptr;
  QTableWidget* m_matches = nullptr;
  MatchPreviewMap* m_map = nullptr;
  TaskHandle m_task;
  std::optional<citylink::CitylinkPullResult> m_result;
};

}  // namespace ekm::widgets
