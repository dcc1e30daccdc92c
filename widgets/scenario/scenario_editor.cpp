// The editor's widgets: header fields, step list, the selected step's form, errors.
#include "scenario/scenario_editor.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include "ops/params_form.h"
#include "tasks/error_text.h"

namespace ekm::widgets {

using ops::Json;

ScenarioEditor::ScenarioEditor(const ops::Registry& registry, QWidget* parent) : QWidget(parent), m_registry(registry) {
  buildUi();
  loadDocument(Json(), QString(), std::nullopt);
}

void ScenarioEditor::buildUi() {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_fileLabel = new QLabel(this);
  m_fileLabel->setWordWrap(true);
  layout->addWidget(m_fileLabel);

  auto* header = new QFormLayout();
  m_name = new QLineEdit(this);
  m_name->setToolTip(tr("The name of the runs this scenario makes"));
  m_description = new QLineEdit(this);
  m_defaults = new QPlainTextEdit(this);
  m_defaults->setTabChangesFocus(true);
  m_defaults->setFixedHeight(3 * m_defaults->fontMetrics().lineSpacing() + 12);
  m_defaults->setPlaceholderText(QStringLiteral("{\"a\": \"2025-02-27..2025-03-26\"}"));
  m_defaults->setToolTip(tr("Parameters (JSON) for every step whose operation has them and which does not set them"));
  header->addRow(tr("Scenario"), m_name);
  header->addRow(tr("Description"), m_description);
  header->addRow(tr("Defaults"), m_defaults);
  layout->addLayout(header);
  m_inheritNote = new QLabel(this);
  m_inheritNote->setWordWrap(true);
  layout->addWidget(m_inheritNote);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  auto* stepsBox = new QWidget(splitter);
  auto* stepsLayout = new QVBoxLayout(stepsBox);
  stepsLayout->setContentsMargins(0, 0, 0, 0);
  m_steps = new QListWidget(stepsBox);
  m_steps->setObjectName(QStringLiteral("scenarioSteps"));
  stepsLayout->addWidget(m_steps);
  auto* stepButtons = new QHBoxLayout();
  m_operations = new QComboBox(stepsBox);
  for (const ops::Operation* op : m_registry.all()) {
    if (op->writesProject()) continue;  // a scenario never changes the data it reads
    m_operations->addItem(QString::fromStdString(op->name()));
    m_operations->setItemData(m_operations->count() - 1, QString::fromStdString(op->summary()), Qt::ToolTipRole);
  }
  m_add = new QPushButton(tr("Add Step"), stepsBox);
  m_remove = new QPushButton(tr("Remove"), stepsBox);
  m_up = new QPushButton(tr("Up"), stepsBox);
  m_down = new QPushButton(tr("Down"), stepsBox);
  stepButtons->addWidget(m_operations, 1);
  stepButtons->addWidget(m_add);
  stepButtons->addWidget(m_remove);
  stepButtons->addWidget(m_up);
  stepButtons->addWidget(m_down);
  stepsLayout->addLayout(stepButtons);

  auto* stepBox = new QWidget(splitter);
  auto* stepLayout = new QVBoxLayout(stepBox);
  stepLayout->setContentsMargins(0, 0, 0, 0);
  auto* idRow = new QFormLayout();
  m_stepId = new QLineEdit(stepBox);
  m_stepId->setToolTip(tr("Steps with the same id are compared between runs"));
  idRow->addRow(tr("Step id"), m_stepId);
  stepLayout->addLayout(idRow);
  auto* scroll = new QScrollArea(stepBox);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  m_form = new ParamsForm(scroll);
  scroll->setWidget(m_form);
  stepLayout->addWidget(scroll, 1);
  splitter->addWidget(stepsBox);
  splitter->addWidget(stepBox);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 3);
  layout->addWidget(splitter, 1);

  m_error = new QLabel(this);
  m_error->setWordWrap(true);
  m_error->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
  m_error->setVisible(false);
  layout->addWidget(m_error);

  connect(m_steps, &QListWidget::currentRowChanged, this, [this](int row) {
    if (!m_updating) showStep(row);
  });
  connect(m_add, &QPushButton::clicked, this, [this] { addStep(m_operations->currentText()); });
  connect(m_remove, &QPushButton::clicked, this, [this] { removeStep(currentStep()); });
  connect(m_up, &QPushButton::clicked, this, [this] { moveStep(currentStep(), -1); });
  connect(m_down, &QPushButton::clicked, this, [this] { moveStep(currentStep(), 1); });
  connect(m_form, &ParamsForm::edited, this, &ScenarioEditor::formEdited);
  connect(m_name, &QLineEdit::textEdited, this, &ScenarioEditor::headerEdited);
  connect(m_description, &QLineEdit::textEdited, this, &ScenarioEditor::headerEdited);
  connect(m_defaults, &QPlainTextEdit::textChanged, this, &ScenarioEditor::headerEdited);
  connect(m_stepId, &QLineEdit::textEdited, this, [this](const QString& text) {
    if (m_shownStep < 0) return;
    Json& step = stepAt(m_shownStep);
    if (text.isEmpty()) step.erase("id");
    else step["id"] = text.toStdString();
    refreshSteps();
    touched();
  });
}

Json& ScenarioEditor::stepAt(int index) { return m_doc["steps"][static_cast<std::size_t>(index)]; }

int ScenarioEditor::stepCount() const {
  return m_doc.is_object() && m_doc.contains("steps") && m_doc["steps"].is_array() ? static_cast<int>(m_doc["steps"].size())
                                                                                   : 0;
}

int ScenarioEditor::currentStep() const { return m_shownStep; }

void ScenarioEditor::selectStep(int index) {
  if (index < 0 || index >= stepCount()) return;
  m_steps->setCurrentRow(index);
  if (m_shownStep != index) showStep(index);
}

void ScenarioEditor::refreshSteps() {
  const bool wasUpdating = m_updating;
  m_updating = true;
  const int keep = m_shownStep;
  m_steps->clear();
  for (int i = 0; i < stepCount(); ++i) {
    const Json& s = m_doc["steps"][static_cast<std::size_t>(i)];
    const QString op = s.contains("op") && s["op"].is_string() ? QString::fromStdString(s["op"].get<std::string>()) : QString();
    const QString id = s.contains("id") && s["id"].is_string() ? QString::fromStdString(s["id"].get<std::string>())
                                                               : QStringLiteral("%1-%2").arg(op).arg(i + 1);
    m_steps->addItem(QStringLiteral("%1  —  %2").arg(id, op));
  }
  if (keep >= 0 && keep < stepCount()) m_steps->setCurrentRow(keep);
  m_updating = wasUpdating;
  const bool any = stepCount() > 0;
  m_remove->setEnabled(any && stepCount() > 1);
  m_up->setEnabled(any && m_shownStep > 0);
  m_down->setEnabled(any && m_shownStep >= 0 && m_shownStep + 1 < stepCount());
  m_add->setEnabled(hasDocument() && m_operations->count() > 0);
}

void ScenarioEditor::showStep(int index) {
  m_shownStep = index >= 0 && index < stepCount() ? index : -1;
  m_form->clearError();
  if (m_shownStep < 0) {
    m_form->setOperation(nullptr);
    m_stepId->clear();
    m_stepId->setEnabled(false);
    refreshSteps();
    return;
  }
  const Json& s = m_doc["steps"][static_cast<std::size_t>(m_shownStep)];
  const std::string opName = s.contains("op") && s["op"].is_string() ? s["op"].get<std::string>() : std::string();
  const ops::Operation* op = m_registry.find(opName);
  m_form->setOperation(op);
  if (op) {
    m_form->setParams(s.contains("params") ? s["params"] : Json::object());
    m_form->setInherited(inheritedParams(m_doc, *op));
  } else {
    showError(QStringLiteral("steps[%1].op").arg(m_shownStep), tr("unknown operation"), {},
              QString::fromStdString(opName));
  }
  m_stepId->setEnabled(true);
  m_stepId->setText(s.contains("id") && s["id"].is_string() ? QString::fromStdString(s["id"].get<std::string>()) : QString());
  m_stepId->setPlaceholderText(QStringLiteral("%1-%2").arg(QString::fromStdString(opName)).arg(m_shownStep + 1));
  refreshSteps();
}

void ScenarioEditor::formEdited() {
  if (m_shownStep < 0) return;
  stepAt(m_shownStep)["params"] = m_form->params();
  touched();
}

void ScenarioEditor::headerEdited() {
  if (m_updating || !hasDocument()) return;
  m_doc["scenario"] = m_name->text().toStdString();
  if (m_description->text().isEmpty()) m_doc.erase("description");
  else m_doc["description"] = m_description->text().toStdString();
  const QString text = m_defaults->toPlainText().trimmed();
  m_defaultsProblem.clear();
  if (text.isEmpty()) {
    m_doc.erase("defaults");
  } else {
    try {
      Json d = Json::parse(text.toStdString());
      if (!d.is_object()) m_defaultsProblem = tr("the defaults must be a JSON object");
      else m_doc["defaults"] = std::move(d);
    } catch (const nlohmann::json::parse_error& e) {
      m_defaultsProblem = tr("the defaults are not valid JSON: %1").arg(QString::fromUtf8(e.what()));
    }
  }
  m_defaults->setStyleSheet(m_defaultsProblem.isEmpty() ? QString() : QStringLiteral("QPlainTextEdit { background: #ffd9d6; }"));
  m_defaults->setToolTip(m_defaultsProblem.isEmpty() ? tr("Parameters (JSON) for every step whose operation has them and which does not set them")
                                                     : m_defaultsProblem);
  if (m_shownStep >= 0 && m_form->operation()) m_form->setInherited(inheritedParams(m_doc, *m_form->operation()));
  touched();
}

void ScenarioEditor::touched() {
  updateFileLabel();
  emit documentChanged();
}

void ScenarioEditor::updateFileLabel() {
  if (!hasDocument()) {
    m_fileLabel->setText(tr("Open a scenario file or make a new scenario."));
    return;
  }
  const QString name = m_file.isEmpty() ? tr("New scenario (not saved)") : QFileInfo(m_file).fileName();
  m_fileLabel->setText(isModified() && !m_file.isEmpty() ? tr("%1 (changed)").arg(name) : name);
  m_fileLabel->setToolTip(m_file);
  QStringList notes;
  if (m_doc.contains("base_period") && !m_doc["base_period"].is_null())
    notes << tr("base period %1").arg(QString::fromStdString(m_doc["base_period"].dump()));
  if (m_doc.contains("edits") && !m_doc["edits"].is_null()) notes << tr("edits");
  m_inheritNote->setText(notes.isEmpty() ? QString()
                                         : tr("Also given to the steps that have such fields: %1.").arg(notes.join(QStringLiteral(", "))));
  m_inheritNote->setVisible(!notes.isEmpty());
}

void ScenarioEditor::showError(const QString& field, const QString& message, const QString& expected,
                               const QString& found) {
  clearError();
  static const QRegularExpression stepPath(QStringLiteral("^steps\\[(\\d+)\\](.*)$"));
  const auto m = stepPath.match(field);
  if (m.hasMatch()) {
    const int index = m.captured(1).toInt();
    selectStep(index);
    if (m.captured(2).startsWith(QLatin1String(".params."))) {
      m_form->showError(field, message, expected, found);
      return;
    }
  }
  QString text = field.isEmpty() ? message : QStringLiteral("%1: %2").arg(field, message);
  if (!expected.isEmpty()) text += QStringLiteral("\n") + tr("Expected: %1").arg(expected);
  if (!found.isEmpty()) text += QStringLiteral("\n") + tr("Found: %1").arg(found);
  m_error->setText(text);
  m_error->setVisible(true);
}

void ScenarioEditor::showError(const core::Error& error) {
  const auto& c = error.context();
  showError(QString::fromStdString(c.field), errorMessageText(error), errorExpectedText(c.expected),
            QString::fromStdString(c.found));
}

void ScenarioEditor::clearError() {
  m_error->clear();
  m_error->setVisible(false);
  m_form->clearError();
}

QString ScenarioEditor::errorText() const {
  if (!m_error->isHidden()) return m_error->text();
  return m_form->errorText();
}

}  // namespace ekm::widgets
