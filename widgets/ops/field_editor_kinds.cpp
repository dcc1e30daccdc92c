// One FieldEditor per field kind.
#include "ops/field_editor_kinds.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QToolButton>
#include <algorithm>
#include <cmath>
#include <limits>

namespace ekm::widgets {
namespace {

using ops::FieldKind;
using ops::Json;
using ops::Role;

QHBoxLayout* bareRow(QWidget* owner) {
  auto* row = new QHBoxLayout(owner);
  row->setContentsMargins(0, 0, 0, 0);
  row->setSpacing(4);
  return row;
}

class CheckEditor final : public FieldEditor {
 public:
  CheckEditor(const ops::FieldInfo& field, QWidget* parent) : FieldEditor(field, parent) {
    m_box = new QCheckBox(this);
    bareRow(this)->addWidget(m_box);
    connect(m_box, &QCheckBox::toggled, this, [this] { userChanged(); });
  }
  QWidget* input() const override { return m_box; }

 protected:
  void show(const Json& value) override { m_box->setChecked(value.is_boolean() && value.get<bool>()); }
  Json read() const override { return m_box->isChecked(); }

 private:
  QCheckBox* m_box = nullptr;
};

// A double spin box that keeps every digit of a value (no rounding to a fixed number of
// decimals) and shows it in its shortest exact form ("0.05", "1e-09", "2000").
class ExactSpinBox final : public QDoubleSpinBox {
 public:
  ExactSpinBox(bool integer, QWidget* parent) : QDoubleSpinBox(parent), m_integer(integer) {
    setDecimals(integer ? 0 : 15);
  }
  QString textFromValue(double value) const override {
    return m_integer ? QString::number(static_cast<qint64>(std::llround(value)))
                     : QString::number(value, 'g', QLocale::FloatingPointShortest);
  }
  double valueFromText(const QString& text) const override { return text.trimmed().toDouble(); }
  QValidator::State validate(QString& text, int&) const override {
    const QString t = text.trimmed();
    if (t.isEmpty() || t == QLatin1String("-") || t == QLatin1String("+")) return QValidator::Intermediate;
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok) {
      // Half-typed exponents and decimal points ("1e", "1e-", "0.").
      const QChar last = t.back();
      return last == u'e' || last == u'E' || last == u'-' || last == u'+' || last == u'.' ? QValidator::Intermediate
                                                                                        : QValidator::Invalid;
    }
    if (m_integer && v != std::floor(v)) return QValidator::Invalid;
    return v >= minimum() && v <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
  }

 private:
  bool m_integer;
};

class NumberEditor final : public FieldEditor {
 public:
  NumberEditor(const ops::FieldInfo& field, QWidget* parent) : FieldEditor(field, parent) {
    const bool integer = field.kind == FieldKind::Integer;
    const double limit = integer ? 9007199254740992.0 : 1e15;  // integers stay exact in a double
    const double lo = field.spec.min.value_or(-limit), hi = field.spec.max.value_or(limit);
    const double intMax = std::numeric_limits<int>::max(), intMin = std::numeric_limits<int>::min();
    if (integer && lo >= intMin && hi <= intMax) {
      m_int = new QSpinBox(this);
      m_int->setRange(static_cast<int>(lo), static_cast<int>(hi));
      m_int->setFocusPolicy(Qt::StrongFocus);
      bareRow(this)->addWidget(m_int);
      connect(m_int, &QSpinBox::valueChanged, this, [this] { userChanged(); });
    } else {
      m_double = new ExactSpinBox(integer, this);
      m_double->setRange(lo, hi);
      // A step of a tenth of the range's order of magnitude (alpha 1e-9..0.5: 0.01).
      const double span = hi - lo;
      m_double->setSingleStep(integer || !field.spec.min || !field.spec.max || span >= 10
                                  ? 1.0
                                  : std::pow(10.0, std::floor(std::log10(span)) - 1));
      m_double->setFocusPolicy(Qt::StrongFocus);
      bareRow(this)->addWidget(m_double);
      connect(m_double, &QDoubleSpinBox::valueChanged, this, [this] { userChanged(); });
    }
  }
  QWidget* input() const override { return m_int ? static_cast<QWidget*>(m_int) : m_double; }

 protected:
  void show(const Json& value) override {
    if (!value.is_number()) {
      // Nothing to show (an optional field without a default): an empty box.
      if (m_int) m_int->clear();
      else m_double->clear();
      return;
    }
    // A value out of the field's range (from a file) is kept as it is, not clamped, so the
    // check names it; the box's range widens to hold it.
    const double v = value.get<double>();
    if (m_int) {
      m_int->setRange(std::min(m_int->minimum(), value.get<int>()), std::max(m_int->maximum(), value.get<int>()));
      m_int->setValue(value.get<int>());
    } else {
      m_double->setRange(std::min(m_double->minimum(), v), std::max(m_double->maximum(), v));
      m_double->setValue(v);
    }
  }
  Json read() const override {
    if (m_int) return static_cast<std::int64_t>(m_int->value());
    if (field().kind == FieldKind::Integer) return static_cast<std::int64_t>(std::llround(m_double->value()));
    return m_double->value();
  }

 private:
  QSpinBox* m_int = nullptr;
  ExactSpinBox* m_double = nullptr;
};

class ChoiceEditor final : public FieldEditor {
 public:
  ChoiceEditor(const ops::FieldInfo& field, QWidget* parent) : FieldEditor(field, parent) {
    m_box = new QComboBox(this);
    m_box->setFocusPolicy(Qt::StrongFocus);
    const bool defaultIsChoice = field.defaultValue.is_string() && !field.defaultValue.get<std::string>().empty();
    // Fields that may be left out get a "not set" entry (their data: an empty string).
    if (field.optional || !defaultIsChoice) m_box->addItem(FieldEditor::tr("(not set)"), QString());
    for (const auto& c : field.spec.choices) {
      const QString text = QString::fromStdString(c);
      m_box->addItem(text, text);
    }
    bareRow(this)->addWidget(m_box);
    connect(m_box, &QComboBox::currentIndexChanged, this, [this] { userChanged(); });
  }
  QWidget* input() const override { return m_box; }

 protected:
  void show(const Json& value) override {
    const QString text = value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
    int i = m_box->findData(text);
    if (i < 0 && !text.isEmpty()) {
      // A value outside the choices (from a file) stays visible, so the check can name it.
      m_box->addItem(text, text);
      i = m_box->count() - 1;
    }
    m_box->setCurrentIndex(std::max(0, i));
  }
  Json read() const override {
    const QString v = m_box->currentData().toString();
    return v.isEmpty() ? Json() : Json(v.toStdString());
  }

 private:
  QComboBox* m_box = nullptr;
};

// Shared by the text, list and JSON editors: fallbacks appear as placeholder text.
class LineEditor : public FieldEditor {
 public:
  LineEditor(const ops::FieldInfo& field, QWidget* parent) : FieldEditor(field, parent) {
    m_edit = new QLineEdit(this);
    m_row = bareRow(this);
    m_row->addWidget(m_edit, 1);
    connect(m_edit, &QLineEdit::textEdited, this, [this] { userChanged(); });
  }
  QWidget* input() const override { return m_edit; }
  QLineEdit* edit() const { return m_edit; }

 protected:
  bool showsFallbackAsPlaceholder() const override { return true; }
  void setPlaceholder(const QString& text) override { m_edit->setPlaceholderText(text); }
  void show(const Json& value) override { m_edit->setText(editorText(value)); }
  QHBoxLayout* row() const { return m_row; }

 private:
  QLineEdit* m_edit = nullptr;
  QHBoxLayout* m_row = nullptr;
};

class TextEditor final : public LineEditor {
 public:
  TextEditor(const ops::FieldInfo& field, bool isPath, QWidget* parent) : LineEditor(field, parent) {
    if (!isPath) return;
    auto* browse = new QToolButton(this);
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(FieldEditor::tr("Choose…"));
    row()->addWidget(browse);
    connect(browse, &QToolButton::clicked, this, [this] { choose(); });
  }

 protected:
  Json read() const override {
    const QString t = edit()->text();
    return t.isEmpty() ? Json() : Json(t.toStdString());
  }

 private:
  void choose() {
    const QString current = edit()->text();
    const QString start = current.isEmpty() ? QString() : QFileInfo(current).absolutePath();
    const QString title = QString::fromStdString(field().name);
    QString path;
    switch (field().spec.role) {
      case Role::InputFile: path = QFileDialog::getOpenFileName(this, title, start); break;
      case Role::OutputFile: path = QFileDialog::getSaveFileName(this, title, current); break;
      case Role::OutputDir: path = QFileDialog::getExistingDirectory(this, title, start); break;
      case Role::None: break;
    }
    if (path.isEmpty()) return;
    edit()->setText(path);
    userChanged();
  }
};

class ListEditor final : public LineEditor {
 public:
  ListEditor(const ops::FieldInfo& field, QWidget* parent) : LineEditor(field, parent) {
    edit()->setToolTip(FieldEditor::tr("Comma-separated values"));
  }

 protected:
  Json read() const override {
    const QString text = edit()->text().trimmed();
    if (text.isEmpty()) return Json();
    Json out = Json::array();
    for (const QString& part : text.split(u',')) {
      const QString item = part.trimmed();
      if (item.isEmpty()) continue;
      if (field().kind == FieldKind::NumberList) {
        bool ok = false;
        const double v = item.toDouble(&ok);
        out.push_back(ok ? Json(v) : Json(item.toStdString()));
      } else {
        out.push_back(item.toStdString());
      }
    }
    return out;
  }
};

class ObjectEditor final : public FieldEditor {
 public:
  ObjectEditor(const ops::FieldInfo& field, QWidget* parent) : FieldEditor(field, parent) {
    m_text = new QPlainTextEdit(this);
    m_text->setTabChangesFocus(true);
    const int line = m_text->fontMetrics().lineSpacing();
    m_text->setFixedHeight(4 * line + 12);
    bareRow(this)->addWidget(m_text);
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] { userChanged(); });
  }
  QWidget* input() const override { return m_text; }
  QString localProblem() const override {
    if (!isGiven()) return {};
    try {
      const Json parsed = Json::parse(m_text->toPlainText().toStdString());
      return parsed.is_discarded() ? FieldEditor::tr("not valid JSON") : QString();
    } catch (const nlohmann::json::parse_error& e) {
      return FieldEditor::tr("not valid JSON: %1").arg(QString::fromUtf8(e.what()));
    }
  }

 protected:
  bool showsFallbackAsPlaceholder() const override { return true; }
  void setPlaceholder(const QString& text) override { m_text->setPlaceholderText(text); }
  void show(const Json& value) override {
    m_text->setPlainText(value.is_null() ? QString() : QString::fromStdString(value.dump()));
  }
  Json read() const override {
    const QString text = m_text->toPlainText().trimmed();
    if (text.isEmpty()) return Json();
    try {
      return Json::parse(text.toStdString());
    } catch (const nlohmann::json::parse_error&) {
      return text.toStdString();  // localProblem() names it first
    }
  }

 private:
  QPlainTextEdit* m_text = nullptr;
};

}  // namespace

FieldEditor* makeCheckEditor(const ops::FieldInfo& field, QWidget* parent) { return new CheckEditor(field, parent); }
FieldEditor* makeNumberEditor(const ops::FieldInfo& field, QWidget* parent) { return new NumberEditor(field, parent); }
FieldEditor* makeChoiceEditor(const ops::FieldInfo& field, QWidget* parent) { return new ChoiceEditor(field, parent); }
FieldEditor* makeTextEditor(const ops::FieldInfo& field, bool isPath, QWidget* parent) {
  return new TextEditor(field, isPath, parent);
}
FieldEditor* makeListEditor(const ops::FieldInfo& field, QWidget* parent) { return new ListEditor(field, parent); }
FieldEditor* makeObjectEditor(const ops::FieldInfo& field, QWidget* parent) { return new ObjectEditor(field, parent); }

}  // namespace ekm::widgets
