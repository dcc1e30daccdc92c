#pragma once
// File > Export Map…: the print layout of a map with a live preview. The user sets the title,
// subtitle, paper (A4/A3, portrait/landscape), format (PDF, SVG, PNG at a DPI), language (ja,
// en, both), legend, layers and the area (the map's current view or the whole district); the
// preview is the export itself drawn small (render::mapExportPreview), rendered by the
// TaskManager off the GUI thread — edits are coalesced and a newer preview cancels the older
// one, the GUI never waits. Layouts are saved in the project as templates (the same JSON
// `ekimachi-cli export-map --template NAME` reads, through ekm/store/layout_templates.h) and
// applied again from the list. Export runs the export-map operation as a listed task.
#include <QDialog>
#include <QImage>
#include <memory>

#include "ekm/core/time.h"
#include "render/map_export.h"
#include "render/map_settings.h"
#include "render/project_layers.h"
#include "tasks/task_manager.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTimer;

namespace ekm::widgets {

class LayoutDialog : public QDialog {
  Q_OBJECT

 public:
  // `project`: the window's loaded layers (the preview draws them); `names`: their display
  // names by id; `visibleIds`: the layers ticked at first (the canvas's), bottom first.
  LayoutDialog(TaskManager* tasks, std::shared_ptr<const render::ProjectLayers> project,
               const QHash<QString, QString>& names, const QStringList& visibleIds, QWidget* parent = nullptr);

  void setHour(core::HourKey hour);
  // The canvas's visible extent (display CRS), offered as "the map's current view".
  void setCurrentView(const render::Extent& extent);
  void setOutputPath(const QString& path);
  QString outputPath() const;

  // The layout as a map export request (project, hour, paper, texts, layers, area, format).
  render::MapExportRequest request() const;
  // Shows a request's layout in the fields (a template); the preview follows.
  void setRequest(const render::MapExportRequest& request);

  QStringList templateNames() const { return m_templateNames; }
  // Saves the current layout in the project under `name` (a task; templatesChanged follows).
  void saveTemplate(const QString& name);
  // Applies a template of the project (a task reads it; the fields and preview follow).
  void applyTemplate(const QString& name);
  // Re-reads the project's template names (templatesChanged follows).
  void refreshTemplates();

  // Runs the export-map operation for the layout to outputPath(); exported follows.
  void exportNow();

  // The last preview drawn and how many have been drawn.
  const QImage& previewImage() const { return m_preview; }
  int previewCount() const { return m_previewCount; }
  QLabel* previewLabel() const { return m_previewLabel; }

 signals:
  void previewUpdated();
  void previewFailed(const QString& message);
  void templatesChanged();
  void templateApplied(const QString& name);
  void exported(const QString& path, bool ok, const QString& message);

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  QWidget* createForm();
  void schedulePreview();
  void startPreview();
  void showPreview();
  void updateFormatFields();
  void browse();
  void setTemplateNames(const QStringList& names);
  void setStatus(const QString& text);

  TaskManager* m_tasks;
  std::shared_ptr<const render::ProjectLayers> m_project;
  core::HourKey m_hour = 0;
  render::Extent m_view = render::Extent::empty();
  QStringList m_templateNames;
  QImage m_preview;
  int m_previewCount = 0;
  bool m_filling = false;  // setRequest is filling the fields: no preview per field

  QLineEdit* m_title = nullptr;
  QLineEdit* m_subtitle = nullptr;
  QComboBox* m_paper = nullptr;
  QComboBox* m_orientation = nullptr;
  QComboBox* m_format = nullptr;
  QSpinBox* m_dpi = nullptr;
  QComboBox* m_language = nullptr;
  QCheckBox* m_legend = nullptr;
  QComboBox* m_area = nullptr;
  QListWidget* m_layers = nullptr;
  QComboBox* m_templates = nullptr;
  QPushButton* m_applyTemplate = nullptr;
  QLineEdit* m_templateName = nullptr;
  QPushButton* m_saveTemplate = nullptr;
  QLineEdit* m_path = nullptr;
  QPushButton* m_export = nullptr;
  QLabel* m_previewLabel = nullptr;
  QLabel* m_status = nullptr;
  QTimer* m_previewTimer = nullptr;
};

}  // namespace ekm::widgets
