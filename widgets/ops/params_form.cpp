#include "ops/params_form.h"

#include <QFormLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include "ops/field_editor.h"
#include "tasks/error_text.h"

namespace ekm::widgets {

using ops::Json;

ParamsForm::ParamsForm(QWidget* parent) : QWidget(parent) {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  m_summary = new QLabel(this);
  m_summary->setWordWrap(true);
  m_summary->setVisible(false);
  outer->addWidget(m_summary);
  m_error = new QLabel(this);
  m_error->setWordWrap(true);
  m_error->setTextFormat(Qt::RichText);
  m_error->setObjectName(QStringLiteral("paramsFormError"));
  m_error->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
  m_error->setVisible(false);
  outer->addWidget(m_error);
  m_layout = new QFormLayout();
  m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  outer->addLayout(m_layout);
  outer->addStretch(1);
}

void ParamsForm::setOperation(const ops::Operation* op) {
  m_op = op;
  m_fields = op ? op->fields() : std::vector<ops::FieldInfo>{};
  m_extra = Json::object();
  m_inherited = Json::object();
  m_summary->setText(op ? QString::fromStdString(op->summary()) : QString());
  m_summary->setVisible(op != nullptr);
  rebuild();
}

void ParamsForm::rebuild() {
  clearError();
  while (m_layout->rowCount() > 0) m_layout->removeRow(0);
  m_editors.clear();
  m_labels.clear();
  m_resets.clear();
  for (const auto& f : m_fields) {
    const QString name = QString::fromStdString(f.name);
    auto* label = new QLabel(this);
    label->setToolTip(QString::fromUtf8(f.spec.help));
    auto* row = new QWidget(this);
    auto* rowLayout = new QHBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->setSpacing(2);
    FieldEditor* editor = FieldEditor::create(f, row);
    editor->setObjectName(name);
    rowLayout->addWidget(editor, 1);
    auto* reset = new QToolButton(row);
    reset->setText(QStringLiteral("↺"));
    reset->setAutoRaise(true);
    reset->setToolTip(tr("Use the default"));
    rowLayout->addWidget(reset);
    label->setBuddy(editor->input());
    m_layout->addRow(label, row);
    m_editors.insert(name, editor);
    m_labels.insert(name, label);
    m_resets.insert(name, reset);
    connect(reset, &QToolButton::clicked, this, [this, editor] {
      editor->reset();
      emit edited();
    });
    connect(editor, &FieldEditor::givenChanged, this, [this, name] { updateLabel(name); });
    connect(editor, &FieldEditor::edited, this, [this, editor] {
      if (editor->hasError()) clearError();
      emit edited();
    });
    updateLabel(name);
  }
}

void ParamsForm::updateLabel(const QString& name) {
  FieldEditor* editor = m_editors.value(name);
  QLabel* label = m_labels.value(name);
  if (!editor || !label) return;
  const auto& f = editor->field();
  // Required fields end in "*"; given fields are bold (they are what params() holds).
  QString text = name.toHtmlEscaped();
  if (f.spec.required) text += QStringLiteral(" <span style=\"color:#b00020\">*</span>");
  if (editor->isGiven()) text = QStringLiteral("<b>%1</b>").arg(text);
  label->setText(text);
  const QString help = QString::fromUtf8(f.spec.help);
  label->setToolTip(f.spec.required ? tr("%1 (required)").arg(help) : help);
  m_resets.value(name)->setEnabled(editor->isGiven());
}

void ParamsForm::setParams(const Json& params) {
  clearError();
  m_extra = Json::object();
  if (params.is_object())
    for (const auto& [key, value] : params.items())
      if (!m_editors.contains(QString::fromStdString(key))) m_extra[key] = value;
  for (const auto& f : m_fields) {
    const auto it = params.is_object() ? params.find(f.name) : params.end();
    m_editors.value(QString::fromStdString(f.name))->setValue(params.is_object() && it != params.end() ? *it : Json());
  }
}

Json ParamsForm::params() const {
  Json out = Json::object();
  for (const auto& f : m_fields) {
    const Json v = m_editors.value(QString::fromStdString(f.name))->value();
    if (!v.is_null()) out[f.name] = v;
  }
  for (const auto& [key, value] : m_extra.items()) out[key] = value;
  return out;
}

void ParamsForm::setInherited(const Json& values) {
  m_inherited = values.is_object() ? values : Json::object();
  for (const auto& f : m_fields) {
    const auto it = m_inherited.find(f.name);
    m_editors.value(QString::fromStdString(f.name))->setFallback(it != m_inherited.end() ? *it : Json());
  }
}

std::optional<Json> ParamsForm::validate() {
  clearError();
  for (const auto& f : m_fields) {
    const QString name = QString::fromStdString(f.name);
    const QString problem = m_editors.value(name)->localProblem();
    if (!problem.isEmpty()) {
      showError(name, problem);
      return std::nullopt;
    }
  }
  if (!m_op) return params();
  Json merged = params();
  for (const auto& [key, value] : m_inherited.items())
    if (!merged.contains(key) && m_editors.contains(QString::fromStdString(key))) merged[key] = value;
  try {
    return m_op->normalise(merged, ops::ParamSource{});
  } catch (const ops::ParamError& e) {
    showError(e);
    return std::nullopt;
  }
}

void ParamsForm::setFieldVisible(const QString& name, bool visible) {
  if (QLabel* label = m_labels.value(name)) {
    int row = -1;
    QFormLayout::ItemRole role{};
    m_layout->getWidgetPosition(label, &row, &role);
    if (row >= 0) m_layout->setRowVisible(row, visible);
  }
}

QString ParamsForm::fieldOfPath(const QString& path) {
  QString f = path;
  const int params = f.lastIndexOf(QLatin1String("params."));
  if (params >= 0) f = f.mid(params + 7);
  if (f.startsWith(QLatin1String("--"))) f = f.mid(2).replace(u'-', u'_');
  return f;
}

void ParamsForm::showError(const core::Error& error) {
  const auto& c = error.context();
  showError(QString::fromStdString(c.field), errorMessageText(error), errorExpectedText(c.expected),
            QString::fromStdString(c.found));
}

void ParamsForm::showError(const QString& field, const QString& message, const QString& expected,
                           const QString& found) {
  clearError();
  const QString name = fieldOfPath(field);
  FieldEditor* editor = m_editors.value(name);
  QString html = editor ? QStringLiteral("<b>%1</b>: %2").arg(name.toHtmlEscaped(), message.toHtmlEscaped())
                        : message.toHtmlEscaped();
  if (!editor && !field.isEmpty()) html = QStringLiteral("<b>%1</b>: %2").arg(field.toHtmlEscaped(), html);
  if (!expected.isEmpty()) html += QStringLiteral("<br>") + tr("Expected: %1").arg(expected.toHtmlEscaped());
  if (!found.isEmpty()) html += QStringLiteral("<br>") + tr("Found: %1").arg(found.toHtmlEscaped());
  m_error->setText(html);
  m_error->setVisible(true);
  if (editor) {
    m_errorField = name;
    editor->setError(true);
    if (QLabel* label = m_labels.value(name)) label->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    editor->input()->setFocus(Qt::OtherFocusReason);
  }
}

void ParamsForm::clearError() {
  if (FieldEditor* editor = m_editors.value(m_errorField)) editor->setError(false);
  if (QLabel* label = m_labels.value(m_errorField)) label->setStyleSheet(QString());
  m_errorField.clear();
  m_error->clear();
  m_error->setVisible(false);
}

QString ParamsForm::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

}  // namespace ekm::widgets
