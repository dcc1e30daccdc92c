#pragma once
// A form generated from an operation's parameter fields (ops::FieldInfo, the one list each
// Params struct declares): per field a label (its name, "*" when required, the help text as
// tooltip) and an editor by kind (field_editor.h) with a button that puts the default back.
//
//   ParamsForm form;
//   form.setOperation(ops::Registry::global().find("compare-periods"));
//   form.setParams({{"kind", "mesh-population"}});
//   if (auto normalised = form.validate()) ...   // else the named field is highlighted
//
// params() holds the given fields only (set from params or edited); the others keep their
// defaults, or the inherited values (a scenario's defaults) when setInherited gave some.
// validate() runs the operation's own reader (op->normalise: types, ranges, choices,
// required fields, cross-field checks); a ParamError is shown at the field it names, with
// what was expected and what was found. Errors from elsewhere (a scenario check naming
// steps[1].params.alpha) can be shown at a field with showError.
#include <QHash>
#include <QString>
#include <QWidget>
#include <optional>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/ops/operation.h"

class QFormLayout;
class QLabel;
class QToolButton;

namespace ekm::widgets {

class FieldEditor;

class ParamsForm : public QWidget {
  Q_OBJECT

 public:
  explicit ParamsForm(QWidget* parent = nullptr);

  // Builds one row per field of the operation (nullptr: an empty form). Clears the params.
  void setOperation(const ops::Operation* op);
  const ops::Operation* operation() const { return m_op; }
  const std::vector<ops::FieldInfo>& fields() const { return m_fields; }

  // Fields present in `params` are given; the others show their fallback. Keys that are not
  // fields are kept (params() returns them, so validate() names them).
  void setParams(const ops::Json& params);
  ops::Json params() const;
  // Values for fields that are not given (a scenario's defaults, base period, edits): shown
  // instead of the field's default and taken by validate().
  void setInherited(const ops::Json& values);
  const ops::Json& inherited() const { return m_inherited; }

  // The operation's normalised params (params() over the inherited values, every default
  // filled in), or nullopt with the error shown at its field.
  std::optional<ops::Json> validate();

  // Shows a problem: at the field named by `field` (a plain name, or a path such as
  // "steps[1].params.alpha"; unknown names only show the message), with the message and, when
  // given, what was expected and what was found.
  void showError(const QString& field, const QString& message, const QString& expected = {},
                 const QString& found = {});
  void showError(const core::Error& error);
  void clearError();
  // The field the shown error names ("" when none or not a field) and the error text.
  QString errorField() const { return m_errorField; }
  QString errorText() const;

  // Shows or hides a field's row (label, editor, reset button): for fields a dialog decides
  // itself (a preview button sets dry_run). A hidden field is still given when set.
  void setFieldVisible(const QString& name, bool visible);

  FieldEditor* editor(const QString& name) const { return m_editors.value(name); }
  QLabel* label(const QString& name) const { return m_labels.value(name); }

  // The field name in a parameter path: "alpha" for "steps[1].params.alpha" or "--alpha".
  static QString fieldOfPath(const QString& path);

 signals:
  // The user changed a value.
  void edited();

 private:
  void rebuild();
  void updateLabel(const QString& name);

  const ops::Operation* m_op = nullptr;
  std::vector<ops::FieldInfo> m_fields;
  ops::Json m_extra = ops::Json::object();  // keys that are not fields
  ops::Json m_inherited = ops::Json::object();
  QHash<QString, FieldEditor*> m_editors;
  QHash<QString, QLabel*> m_labels;
  QHash<QString, QToolButton*> m_resets;
  QFormLayout* m_layout = nullptr;
  QLabel* m_summary = nullptr;
  QLabel* m_error = nullptr;
  QString m_errorField;
};

}  // namespace ekm::widgets
