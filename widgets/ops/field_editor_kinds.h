#pragma once
// The editors of each field kind, made through FieldEditor::create (field_editor.h).
#include "ops/field_editor.h"

namespace ekm::widgets {

FieldEditor* makeCheckEditor(const ops::FieldInfo& field, QWidget* parent);
// Integer and Number: a spin box bounded by the field's min/max.
FieldEditor* makeNumberEditor(const ops::FieldInfo& field, QWidget* parent);
FieldEditor* makeChoiceEditor(const ops::FieldInfo& field, QWidget* parent);
// With a "…" file chooser when isPath (the field's role says which dialog).
FieldEditor* makeTextEditor(const ops::FieldInfo& field, bool isPath, QWidget* parent);
// StringList and NumberList, comma-separated.
FieldEditor* makeListEditor(const ops::FieldInfo& field, QWidget* parent);
FieldEditor* makeObjectEditor(const ops::FieldInfo& field, QWidget* parent);

}  // namespace ekm::widgets
