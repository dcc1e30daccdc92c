#pragma once
// The editor of one operation parameter (ops::FieldInfo), chosen by its kind and spec:
// Boolean a check box; Integer/Number a spin box bounded by min/max; a String with choices a
// combo box; a String with a file role (InputFile, OutputFile, OutputDir) a line edit with a
// "…" chooser; other Strings a line edit; lists a comma-separated line edit; Object a small
// JSON text box.
//
// An editor knows whether its field is *given*: set from params that contain it, or edited
// by the user since. Fields that are not given show their fallback (the field's default, or
// a value a scenario's defaults give it) and are left out of value(), so a scenario step
// written back from a form sets only what its author set, as in a hand-written file.
#include <QString>
#include <QWidget>

#include "ekm/ops/field_spec.h"

namespace ekm::widgets {

class FieldEditor : public QWidget {
  Q_OBJECT

 public:
  // The editor for `field` (never null).
  static FieldEditor* create(const ops::FieldInfo& field, QWidget* parent = nullptr);

  const ops::FieldInfo& field() const { return m_field; }

  // A non-null value: shown and given. Null: not given, the fallback is shown.
  void setValue(const ops::Json& value);
  // The given value as the operation reads it, or null when not given. Text that does not
  // parse (a list item that is not a number) is handed on as text, so the operation's reader
  // names the field and what it found.
  ops::Json value() const;
  bool isGiven() const;
  // Back to not given.
  void reset() { setValue(ops::Json()); }

  // What is shown while the field is not given: `value` (null: the field's default).
  void setFallback(const ops::Json& value);
  const ops::Json& fallback() const { return m_fallback; }

  // A problem of the text itself, found before the operation sees it (JSON that does not
  // parse); empty when none.
  virtual QString localProblem() const { return {}; }

  // Marks the editor as the field an error names (a tinted background).
  void setError(bool error);
  bool hasError() const { return m_error; }
  // The widget that takes the focus (the line edit, spin box, ...).
  virtual QWidget* input() const = 0;

 signals:
  // The user changed the value (not emitted for setValue / setFallback).
  void edited();
  void givenChanged(bool given);

 protected:
  explicit FieldEditor(ops::FieldInfo field, QWidget* parent);
  // Shows a value (given or fallback); null: nothing (an empty text, the "not set" choice).
  virtual void show(const ops::Json& value) = 0;
  // The value shown, as JSON; null when the editor shows nothing.
  virtual ops::Json read() const = 0;
  // Text editors show fallbacks as placeholder text instead of a value.
  virtual bool showsFallbackAsPlaceholder() const { return false; }
  virtual void setPlaceholder(const QString&) {}
  // Subclasses connect their widgets' change signals here.
  void userChanged();

 private:
  void showFallback();
  ops::FieldInfo m_field;
  ops::Json m_fallback;
  bool m_given = false;
  bool m_updating = false;
  bool m_error = false;
};

// The text a JSON value is edited as: strings bare, lists comma-separated, numbers in their
// shortest exact form, objects as compact JSON.
QString editorText(const ops::Json& value);

}  // namespace ekm::widgets
