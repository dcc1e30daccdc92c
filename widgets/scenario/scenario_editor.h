#pragma once
// The scenario being edited in the Scenarios dock: the JSON document of a scenario file
// (scenario_file.h) opened from a file, taken from a stored run or made from the registry's
// operations. Its name, description and defaults are edited at the top; its steps (id,
// operation) in a list; the selected step's params in a ParamsForm generated from the step's
// operation, where the values the scenario's defaults, base period and edits give a step
// are shown in place of the fields' own defaults.
//
// scenario() is what a run takes: the file as loadScenario read it while the document is
// unchanged (so the run records the file's own SHA-256, as `ekimachi-cli run FILE` does), or
// the edited document through scenarioFromJson (its SHA-256 that of the text save() writes).
#include <QString>
#include <QWidget>
#include <optional>

#include "ekm/core/error.h"
#include "ekm/ops/registry.h"
#include "ekm/scenario/scenario_file.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace ekm::widgets {

class ParamsForm;

class ScenarioEditor : public QWidget {
  Q_OBJECT

 public:
  explicit ScenarioEditor(const ops::Registry& registry, QWidget* parent = nullptr);

  // Opens a scenario file (loadScenario: JSON, structure). False with the error shown.
  bool openFile(const QString& path);
  // A new scenario with one step of operation `op` on `project` (the open project's file);
  // relative paths resolve against the project's folder until it is saved.
  void newScenario(const QString& op, const QString& project);
  // A scenario document from elsewhere (a stored run's scenario); `file` is the file it came
  // from ("" when none), relative paths resolve against its folder. False with the error shown.
  bool setDocument(const ops::Json& doc, const QString& file);
  const ops::Json& document() const { return m_doc; }
  const QString& file() const { return m_file; }
  bool hasDocument() const { return !m_doc.is_null(); }
  // True once the document differs from the file it was opened from (always for new ones).
  bool isModified() const;
  // Writes the document (indented JSON) to `path`, which becomes its file. False with the
  // error shown.
  bool save(const QString& path);

  // The scenario to run. Throws core::Error naming the problem (structure, defaults text).
  scenario::Scenario scenario() const;
  // Each step's params through its operation's reader, with what the scenario gives it; the
  // first problem is shown at its step and field. False when there is one.
  bool validateSteps();
  // Shows an error of a check or a run at what it names: "steps[1].params.alpha" selects step
  // 1 and marks its field alpha; other fields (project, defaults, steps[0].op) show the message.
  void showError(const QString& field, const QString& message, const QString& expected = {},
                 const QString& found = {});
  void showError(const core::Error& error);
  void clearError();
  QString errorText() const;

  int stepCount() const;
  int currentStep() const;
  void selectStep(int index);
  // Appends a step of operation `op` (id "<op>-<n>") and selects it.
  void addStep(const QString& op);
  void removeStep(int index);
  void moveStep(int index, int delta);

  ParamsForm* form() const { return m_form; }
  QListWidget* stepList() const { return m_steps; }
  QComboBox* operationBox() const { return m_operations; }

  // The values a scenario gives a step of `op` for fields the step does not set: its
  // defaults, base_period (from, to) and edits: scenario::inheritedParams, as the runner fills them in.
  static ops::Json inheritedParams(const ops::Json& doc, const ops::Operation& op);

 signals:
  // The document changed (edited, opened, new).
  void documentChanged();

 private:
  void buildUi();
  void loadDocument(ops::Json doc, const QString& file, std::optional<scenario::Scenario> loaded);
  void refreshSteps();
  void showStep(int index);
  void formEdited();
  void headerEdited();
  void updateFileLabel();
  void touched();
  ops::Json& stepAt(int index);

  const ops::Registry& m_registry;
  ops::Json m_doc;              // the scenario document (null: none)
  QString m_file;               // where it was opened from / saved to
  QString m_baseDir;            // relative paths resolve against it
  std::optional<scenario::Scenario> m_loaded;  // as loadScenario read the file
  QString m_defaultsProblem;    // the defaults text does not parse
  int m_shownStep = -1;
  bool m_updating = false;

  QLabel* m_fileLabel = nullptr;
  QLineEdit* m_name = nullptr;
  QLineEdit* m_description = nullptr;
  QPlainTextEdit* m_defaults = nullptr;
  QLabel* m_inheritNote = nullptr;
  QListWidget* m_steps = nullptr;
  QComboBox* m_operations = nullptr;
  QPushButton* m_add = nullptr;
  QPushButton* m_remove = nullptr;
  QPushButton* m_up = nullptr;
  QPushButton* m_down = nullptr;
  QLineEdit* m_stepId = nullptr;
  ParamsForm* m_form = nullptr;
  QLabel* m_error = nullptr;
};

}  // namespace ekm::widgets
