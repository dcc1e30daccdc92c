#include "ops/field_editor.h"

#include <QLocale>
#include <QPalette>

#include "ops/field_editor_kinds.h"

namespace ekm::widgets {

using ops::FieldKind;
using ops::Json;
using ops::Role;

QString editorText(const Json& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return QString::fromStdString(value.get<std::string>());
  if (value.is_array()) {
    QStringList items;
    for (const auto& item : value) items << editorText(item);
    return items.join(QStringLiteral(", "));
  }
  if (value.is_number_float()) return QString::number(value.get<double>(), 'g', QLocale::FloatingPointShortest);
  return QString::fromStdString(value.dump());
}

FieldEditor* FieldEditor::create(const ops::FieldInfo& field, QWidget* parent) {
  FieldEditor* editor = nullptr;
  const bool isPath = field.spec.role == Role::InputFile || field.spec.role == Role::OutputFile ||
                      field.spec.role == Role::OutputDir;
  switch (field.kind) {
    case FieldKind::Boolean: editor = makeCheckEditor(field, parent); break;
    case FieldKind::Integer:
    case FieldKind::Number: editor = makeNumberEditor(field, parent); break;
    case FieldKind::String:
      editor = !field.spec.choices.empty() ? makeChoiceEditor(field, parent) : makeTextEditor(field, isPath, parent);
      break;
    case FieldKind::StringList:
    case FieldKind::NumberList: editor = makeListEditor(field, parent); break;
    case FieldKind::Object:
    case FieldKind::ObjectList: editor = makeObjectEditor(field, parent); break;
  }
  editor->setToolTip(QString::fromUtf8(field.spec.help));
  editor->showFallback();
  return editor;
}

FieldEditor::FieldEditor(ops::FieldInfo field, QWidget* parent) : QWidget(parent), m_field(std::move(field)) {}

void FieldEditor::setValue(const Json& value) {
  const bool wasGiven = m_given;
  m_updating = true;
  if (value.is_null()) {
    m_given = false;
    showFallback();
  } else {
    m_given = true;
    show(value);
  }
  m_updating = false;
  if (wasGiven != m_given) emit givenChanged(m_given);
}

Json FieldEditor::value() const { return m_given ? read() : Json(); }

bool FieldEditor::isGiven() const { return m_given; }

void FieldEditor::setFallback(const Json& value) {
  m_fallback = value;
  if (m_given) {
    if (showsFallbackAsPlaceholder()) setPlaceholder(editorText(m_fallback.is_null() ? m_field.defaultValue : m_fallback));
    return;
  }
  m_updating = true;
  showFallback();
  m_updating = false;
}

void FieldEditor::showFallback() {
  const Json& shown = m_fallback.is_null() ? m_field.defaultValue : m_fallback;
  if (showsFallbackAsPlaceholder()) {
    setPlaceholder(editorText(shown));
    show(Json());
  } else {
    show(shown);
  }
}

void FieldEditor::userChanged() {
  if (m_updating) return;
  const bool wasGiven = m_given;
  // Emptying a text field gives it back its fallback (shown as the placeholder).
  m_given = !(showsFallbackAsPlaceholder() && read().is_null());
  if (wasGiven != m_given) emit givenChanged(m_given);
  emit edited();
}

void FieldEditor::setError(bool error) {
  if (error == m_error) return;
  m_error = error;
  QWidget* target = input();
  if (error) {
    QPalette p = target->palette();
    p.setColor(QPalette::Base, QColor(0xff, 0xd9, 0xd6));
    p.setColor(QPalette::Button, QColor(0xff, 0xd9, 0xd6));
    target->setPalette(p);
  } else {
    target->setPalette(QPalette());
  }
  target->setAutoFillBackground(error);
}

}  // namespace ekm::widgets
