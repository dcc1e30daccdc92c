// The form generated from an operation's parameter fields (widgets/ops/params_form.h): one
// editor per field kind (check box, spin boxes bounded by min/max, combo box for choices,
// line edit with a file chooser for file roles, comma-separated lists, JSON text for
// objects); params round-trip through it exactly; only given fields come back (defaults and
// inherited values are shown, not returned); validate() runs the operation's own reader and
// shows a ParamError at the field it names, with what was expected and what was found.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QtTest/QtTest>
#include <cstdint>
#include <optional>

#include "ekm/core/error.h"
#include "ekm/ops/registry.h"
#include "ops/field_editor.h"
#include "ops/params_form.h"
#include "time/time_bar.h"

using namespace ekm;
using ops::Json;
using widgets::FieldEditor;
using widgets::ParamsForm;

namespace {

// An operation with a field of every kind (and a cross-field check), for the form alone.
struct AllKindsParams {
  bool flag = false;
  std::int64_t count = 3;
  std::int64_t seed = 1;
  double ratio = 0.5;
  std::string mode = "fast";
  std::string input;
  std::string out_dir;
  std::vector<std::string> tags;
  std::vector<double> weights;
  Json extra;
  std::optional<std::string> note;

  template <class V>
  void fields(V& v) {
    v("flag", flag, {.help = "a switch"});
    v("count", count, {.help = "how many", .min = 1, .max = 100});
    v("seed", seed, {.help = "random seed", .min = 0, .max = 9e15});
    v("ratio", ratio, {.help = "a share", .min = 0, .max = 1});
    v("mode", mode, {.help = "how", .choices = {"fast", "exact"}});
    v("input", input, {.help = "the input file", .required = true, .role = ops::Role::InputFile});
    v("out_dir", out_dir, {.help = "where to write", .role = ops::Role::OutputDir});
    v("tags", tags, {.help = "labels"});
    v("weights", weights, {.help = "weights", .min = 0});
    v("extra", extra, {.help = "more options (JSON)"});
    v("note", note, {.help = "free text"});
  }
  void validate() const {
    if (mode == "exact" && count > 50)
      throw ops::ParamError("exact mode takes at most 50",
                            core::ErrorContext{"", std::nullopt, std::nullopt, "count", "at most 50 in exact mode",
                                               std::to_string(count)});
  }
};

struct AllKindsOp {
  static constexpr const char* name = "all-kinds";
  static constexpr const char* summary = "a test operation with a field of every kind";
  static constexpr bool writesProject = false;
  using Params = AllKindsParams;
  using Result = int;
  static Result run(ops::Session&, const Params&, core::Feedback&) { return 0; }
  static ops::OpResult record(const Result&) { return {}; }
};

const Json kAll = {{"flag", true},
                   {"count", 7},
                   {"seed", 123456789012},
                   {"ratio", 0.25},
                   {"mode", "exact"},
                   {"input", "/data/in.csv"},
                   {"out_dir", "/tmp/out"},
                   {"tags", {"a", "b c"}},
                   {"weights", {1.5, 2.0}},
                   {"extra", {{"k", {1, 2}}, {"name", "x"}}},
                   {"note", "hello"}};

}  // namespace

class ParamsFormTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<ops::Operation> m_op = ops::makeOperation<AllKindsOp>();

 private slots:
  void editorsFollowTheFieldKinds() {
    ParamsForm form;
    form.setOperation(m_op.get());
    QCOMPARE(form.fields().size(), std::size_t(11));
    auto input = [&](const char* name) { return form.editor(QString::fromLatin1(name))->input(); };
    QVERIFY(qobject_cast<QCheckBox*>(input("flag")));
    auto* count = qobject_cast<QSpinBox*>(input("count"));
    QVERIFY(count);
    QCOMPARE(count->minimum(), 1);
    QCOMPARE(count->maximum(), 100);
    QCOMPARE(count->value(), 3);  // the default, shown
    // Integers beyond a 32-bit spin box keep every digit in a double spin box.
    auto* seed = qobject_cast<QDoubleSpinBox*>(input("seed"));
    QVERIFY(seed);
    QCOMPARE(seed->maximum(), 9e15);
    auto* ratio = qobject_cast<QDoubleSpinBox*>(input("ratio"));
    QVERIFY(ratio);
    QCOMPARE(ratio->minimum(), 0.0);
    QCOMPARE(ratio->maximum(), 1.0);
    QCOMPARE(ratio->text(), QStringLiteral("0.5"));
    auto* mode = qobject_cast<QComboBox*>(input("mode"));
    QVERIFY(mode);
    QCOMPARE(mode->currentText(), QStringLiteral("fast"));
    QCOMPARE(mode->count(), 2);  // a default among the choices: no "not set" entry
    QVERIFY(qobject_cast<QLineEdit*>(input("input")));
    // File roles get a chooser button; plain strings do not.
    QVERIFY(form.editor(QStringLiteral("input"))->findChild<QToolButton*>());
    QVERIFY(form.editor(QStringLiteral("out_dir"))->findChild<QToolButton*>());
    QVERIFY(!form.editor(QStringLiteral("note"))->findChild<QToolButton*>());
    QVERIFY(qobject_cast<QLineEdit*>(input("tags")));
    QVERIFY(qobject_cast<QLineEdit*>(input("weights")));
    QVERIFY(qobject_cast<QPlainTextEdit*>(input("extra")));
    // Labels: the field name, "*" when required, the help as tooltip.
    QVERIFY(form.label(QStringLiteral("input"))->text().contains(QLatin1Char('*')));
    QVERIFY(!form.label(QStringLiteral("note"))->text().contains(QLatin1Char('*')));
    QVERIFY(form.label(QStringLiteral("input"))->toolTip().contains(QStringLiteral("the input file")));
    QCOMPARE(form.editor(QStringLiteral("ratio"))->toolTip(), QStringLiteral("a share"));
  }

  void paramsRoundTripForEveryKind() {
    ParamsForm form;
    form.setOperation(m_op.get());
    form.setParams(kAll);
    QCOMPARE(form.params().dump(), kAll.dump());
    const auto normalised = form.validate();
    QVERIFY2(normalised.has_value(), qPrintable(form.errorText()));
    QCOMPARE(normalised->dump(), m_op->normalise(kAll, {}).dump());
    // Shown as edited: exact numbers, comma-separated lists, compact JSON.
    QCOMPARE(qobject_cast<QDoubleSpinBox*>(form.editor(QStringLiteral("seed"))->input())->text(),
             QStringLiteral("123456789012"));
    QCOMPARE(qobject_cast<QLineEdit*>(form.editor(QStringLiteral("tags"))->input())->text(), QStringLiteral("a, b c"));
    QCOMPARE(qobject_cast<QLineEdit*>(form.editor(QStringLiteral("weights"))->input())->text(), QStringLiteral("1.5, 2"));
    QCOMPARE(qobject_cast<QPlainTextEdit*>(form.editor(QStringLiteral("extra"))->input())->toPlainText(),
             QStringLiteral("{\"k\":[1,2],\"name\":\"x\"}"));
    // A second form given the first one's params gives them back again.
    ParamsForm again;
    again.setOperation(m_op.get());
    again.setParams(form.params());
    QCOMPARE(again.params().dump(), kAll.dump());
  }

  void onlyGivenFieldsComeBack() {
    ParamsForm form;
    form.setOperation(m_op.get());
    form.setParams({{"input", "in.csv"}});
    QCOMPARE(form.params().dump(), Json({{"input", "in.csv"}}).dump());
    QVERIFY(form.label(QStringLiteral("input"))->text().contains(QStringLiteral("<b>")));
    QVERIFY(!form.label(QStringLiteral("count"))->text().contains(QStringLiteral("<b>")));
    // User edits make fields given.
    qobject_cast<QCheckBox*>(form.editor(QStringLiteral("flag"))->input())->click();
    auto* tags = qobject_cast<QLineEdit*>(form.editor(QStringLiteral("tags"))->input());
    QTest::keyClicks(tags, QStringLiteral("x, y ,z"));
    qobject_cast<QSpinBox*>(form.editor(QStringLiteral("count"))->input())->setValue(12);
    const Json p = form.params();
    QCOMPARE(p.value("flag", false), true);
    QCOMPARE(p["tags"].dump(), Json({"x", "y", "z"}).dump());
    QCOMPARE(p["count"].get<int>(), 12);
    QVERIFY(!p.contains("ratio"));
    // Reset: back to not given, the default shown.
    form.editor(QStringLiteral("count"))->reset();
    QVERIFY(!form.params().contains("count"));
    QCOMPARE(qobject_cast<QSpinBox*>(form.editor(QStringLiteral("count"))->input())->value(), 3);
    // Emptying a text field gives it back.
    tags->selectAll();
    QTest::keyClick(tags, Qt::Key_Delete);
    QVERIFY(!form.params().contains("tags"));
    // Keys that are not fields are kept, and the check names them.
    form.setParams({{"input", "in.csv"}, {"colour", "red"}});
    QCOMPARE(form.params()["colour"].get<std::string>(), std::string("red"));
    QVERIFY(!form.validate());
    QVERIFY2(form.errorText().contains(QStringLiteral("colour")), qPrintable(form.errorText()));
  }

  void inheritedValuesAreShownAndTaken() {
    ParamsForm form;
    form.setOperation(m_op.get());
    form.setParams({});
    QVERIFY(!form.validate());  // input is required
    QCOMPARE(form.errorField(), QStringLiteral("input"));
    // A scenario's defaults give the step its input: shown as the placeholder, not returned.
    form.setInherited({{"input", "shared.csv"}, {"count", 9}});
    auto* input = qobject_cast<QLineEdit*>(form.editor(QStringLiteral("input"))->input());
    QCOMPARE(input->placeholderText(), QStringLiteral("shared.csv"));
    QCOMPARE(input->text(), QString());
    QCOMPARE(qobject_cast<QSpinBox*>(form.editor(QStringLiteral("count"))->input())->value(), 9);
    const auto normalised = form.validate();
    QVERIFY2(normalised.has_value(), qPrintable(form.errorText()));
    QCOMPARE((*normalised)["input"].get<std::string>(), std::string("shared.csv"));
    QCOMPARE((*normalised)["count"].get<int>(), 9);
    QCOMPARE(form.params().dump(), Json::object().dump());
  }

  void badValuesAreShownAtTheirField() {
    ParamsForm form;
    form.setOperation(m_op.get());
    struct Case {
      const char* field;
      Json params;
      const char* found;
    };
    const std::vector<Case> cases = {
        // Out of range (a file's value is kept, not clamped, so the check can name it).
        {"ratio", {{"input", "a"}, {"ratio", 7}}, "7"},
        {"count", {{"input", "a"}, {"count", 0}}, "0"},
        // Not one of the choices.
        {"mode", {{"input", "a"}, {"mode", "slow"}}, "slow"},
        // A list item that is not a number, a negative weight.
        {"weights", {{"input", "a"}, {"weights", {1, "x"}}}, "x"},
        {"weights", {{"input", "a"}, {"weights", {1, -2}}}, "-2"},
        // The cross-field check of the Params struct.
        {"count", {{"input", "a"}, {"mode", "exact"}, {"count", 80}}, "80"},
    };
    for (const auto& c : cases) {
      form.setParams(c.params);
      QVERIFY2(!form.validate(), c.field);
      QCOMPARE(form.errorField(), QString::fromLatin1(c.field));
      QVERIFY(form.editor(QString::fromLatin1(c.field))->hasError());
      const QString text = form.errorText();
      QVERIFY2(text.contains(QStringLiteral("Expected: ")) && text.contains(QStringLiteral("Found: ")) &&
                   text.contains(QString::fromLatin1(c.found)),
               qPrintable(QStringLiteral("%1: %2").arg(QString::fromLatin1(c.field), text)));
      // The error goes once the form is valid again.
      form.setParams({{"input", "a"}});
      QVERIFY(form.validate());
      QVERIFY(!form.editor(QString::fromLatin1(c.field))->hasError());
      QCOMPARE(form.errorText(), QString());
    }
    // JSON that does not parse is named before the operation sees it.
    form.setParams({{"input", "a"}});
    auto* extra = qobject_cast<QPlainTextEdit*>(form.editor(QStringLiteral("extra"))->input());
    extra->setFocus();
    QTest::keyClicks(extra, QStringLiteral("{\"k\": "));
    QVERIFY(!form.validate());
    QCOMPARE(form.errorField(), QStringLiteral("extra"));
    QVERIFY(form.errorText().contains(QStringLiteral("JSON")));
    // Editing the marked field clears the mark.
    QTest::keyClicks(extra, QStringLiteral("1}"));
    QVERIFY(!form.editor(QStringLiteral("extra"))->hasError());
    QVERIFY(form.validate());
    QCOMPARE(form.params()["extra"].dump(), Json({{"k", 1}}).dump());
  }

  void errorsFromScenarioChecksFindTheirField() {
    QCOMPARE(ParamsForm::fieldOfPath(QStringLiteral("steps[1].params.alpha")), QStringLiteral("alpha"));
    QCOMPARE(ParamsForm::fieldOfPath(QStringLiteral("--max-iter")), QStringLiteral("max_iter"));
    ParamsForm form;
    form.setOperation(ops::Registry::global().find("compare-periods"));
    QVERIFY(form.operation());
    form.setParams({{"kind", "mesh-population"}, {"a", "2025-02-27..2025-03-26"}, {"b", "2025-03-27..2025-04-23"}});
    QVERIFY2(form.validate(), qPrintable(form.errorText()));
    form.setParams({{"kind", "mesh-population"}, {"a", "2025-02-27..2025-03-26"}, {"b", "2025-03-27..2025-04-23"},
                    {"alpha", 7}});
    QVERIFY(!form.validate());
    QCOMPARE(form.errorField(), QStringLiteral("alpha"));
    form.clearError();
    form.showError(QStringLiteral("steps[2].params.bootstrap"), QStringLiteral("out of range"), QStringLiteral("0..1e6"),
                   QStringLiteral("-1"));
    QCOMPARE(form.errorField(), QStringLiteral("bootstrap"));
    QVERIFY(form.editor(QStringLiteral("bootstrap"))->hasError());
  }

  // An analysis error shown at its field reads in the UI's language: the message and the
  // expected text from the error catalogue, the value found as it was.
  void errorsAreShownInTheUiLanguage() {
    ParamsForm form;
    form.setOperation(ops::Registry::global().find("compare-periods"));
    const core::ValidationError error("negative count",
                                      core::ErrorContext{"", std::nullopt, std::nullopt, "alpha", "a count >= 0", "-5"});
    widgets::setUiIsJapanese(true);
    form.showError(error);
    const QString ja = form.errorText();
    widgets::setUiIsJapanese(false);
    QVERIFY2(ja.contains(QStringLiteral("件数が負です")) && ja.contains(QStringLiteral("0 以上の件数")), qPrintable(ja));
    QVERIFY2(ja.contains(QStringLiteral("-5")) && !ja.contains(QStringLiteral("negative")), qPrintable(ja));
    QCOMPARE(form.errorField(), QStringLiteral("alpha"));
    form.showError(error);
    const QString en = form.errorText();
    QVERIFY2(en.contains(QStringLiteral("negative count")) && en.contains(QStringLiteral("a count &gt;= 0")), qPrintable(en));
  }
};

QTEST_MAIN(ParamsFormTest)
#include "test_params_form.moc"
