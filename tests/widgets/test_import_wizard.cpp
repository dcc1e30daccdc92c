// The import wizard, driven programmatically (fields set, next() called; no modal exec):
// kind detection on the sample district's files and on a CP932 file written here; the mapping
// preview decodes Japanese; the dry run reports without writing; a bad value at a known line
// gives file:line, column and expected in the report and in the error dialog and leaves the
// project unchanged; good files import (row counts grow); duplicates; Cancel.
#include <iconv.h>

#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <fstream>

#include "ekm/store/project.h"
#include "support/project_sql.h"
#include "import/import_fields.h"
#include "import/import_job.h"
#include "import/import_wizard.h"
#include "import/source_preview.h"
#include "tasks/task_manager.h"
#include "tasks/tasks_panel.h"

#include <QElapsedTimer>
#include <QFileInfo>

using namespace ekm;
using widgets::ImportWizard;
using RunState = widgets::ImportWizard::RunState;

namespace {

const QString kSamples = QStringLiteral(EKM_SAMPLE_DIR "/takanawa/");

std::string toCp932(const std::string& utf8) {
  iconv_t cd = iconv_open("CP932", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return {};
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t inLeft = utf8.size();
  char* dst = out.data();
  std::size_t outLeft = out.size();
  const std::size_t rc = iconv(cd, &in, &inLeft, &dst, &outLeft);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) return {};
  out.resize(out.size() - outLeft);
  return out;
}

void writeFile(const QString& path, const std::string& bytes) {
  std::ofstream out(path.toStdString(), std::ios::binary);
  out << bytes;
}

// Mesh population rows for two cells near Takanawa Gateway over `hours` hours of 2025-04-01.
std::string meshRows(int hours, int firstHour = 0) {
  std::string rows;
  for (int h = firstHour; h < firstHour + hours; ++h)
    for (const char* code : {"53393599111", "53393599112"})
      rows += std::string(code) + ",2025-04-01," + std::to_string(h) + "," + std::to_string(100 + h) + "\n";
  return rows;
}

struct Fixture {
  QTemporaryDir dir;
  QString project;
  Fixture() {
    project = dir.filePath(QStringLiteral("wizard.gpkg"));
    store::Project::create(project.toStdString());
  }
  QString path(const QString& name) const { return dir.filePath(name); }
  std::int64_t rows(const std::string& table) const {
    return store::Project::open(project.toStdString(), store::OpenMode::ReadOnly).rowCount(table);
  }
  std::size_t imports() const {
    return store::Project::open(project.toStdString(), store::OpenMode::ReadOnly).importLog().size();
  }
};

// Next from the validation page once the dry run is done; true when the wizard moved on.
bool validateAndWait(ImportWizard& wizard) {
  if (wizard.currentId() != ImportWizard::ValidationPage) wizard.next();
  if (wizard.currentId() != ImportWizard::ValidationPage) return false;
  return QTest::qWaitFor([&] { return wizard.validationState() != RunState::Running; }, 60000);
}

}  // namespace

class TestImportWizard : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    qRegisterMetaType<RunState>();
    qRegisterMetaType<io::ImportKind>();
  }

  void detectsTheKindOfTheSampleFiles() {
    Fixture f;
    ImportWizard wizard(f.project);
    wizard.show();
    const std::pair<const char*, io::ImportKind> samples[] = {
        {"mesh_population.csv.gz", io::ImportKind::MeshPopulation},
        {"segment_counts.csv.gz", io::ImportKind::SegmentCounts},
        {"station_ridership.csv.gz", io::ImportKind::StationRidership},
        {"stations.csv", io::ImportKind::Stations},
        {"road_segments.geojson", io::ImportKind::Segments},
    };
    for (const auto& [file, expected] : samples) {
      wizard.setFilePath(kSamples + QString::fromLatin1(file));
      QVERIFY2(wizard.preview().ok(), qPrintable(wizard.preview().error));
      QVERIFY2(wizard.detectedKind() == expected, file);
      QVERIFY2(wizard.kind() == expected, file);  // pre-selected, overridable
    }
    // The vector source: its layer, geometry type and attributes; the id attribute is mapped.
    QCOMPARE(wizard.preview().geometryType, QStringLiteral("Line String"));
    QVERIFY(wizard.preview().featureCount > 100);
    QVERIFY(wizard.preview().header.contains(QStringLiteral("segment_id")));
    QCOMPARE(wizard.column(QStringLiteral("segment_id")), QStringLiteral("segment_id"));
    // The gzip CSV: header and mapping as the importer resolves them.
    wizard.setFilePath(kSamples + QStringLiteral("segment_counts.csv.gz"));
    QVERIFY(wizard.preview().gzipped);
    QCOMPARE(wizard.preview().rows.size(), 20);
    QCOMPARE(wizard.column(QStringLiteral("segment_id")), QStringLiteral("segment_id"));
    QCOMPARE(wizard.column(QStringLiteral("mode")), QStringLiteral("mode"));
    QCOMPARE(wizard.column(QStringLiteral("datetime")), QString());
    QCOMPARE(wizard.column(QStringLiteral("hour")), QStringLiteral("hour"));
    // Stations with Japanese names: UTF-8, decoded in the preview.
    wizard.setFilePath(kSamples + QStringLiteral("stations.csv"));
    QCOMPARE(wizard.detectedEncodingLabel(), QStringLiteral("UTF-8"));
    QCOMPARE(wizard.previewTable()->item(0, 1)->text(), QStringLiteral("高輪ゲートウェイ"));
    // The kind can be overridden; an unknown header is not guessed.
    wizard.setKind(io::ImportKind::SegmentCounts);
    QCOMPARE(wizard.kind(), io::ImportKind::SegmentCounts);
    const QString odd = f.path(QStringLiteral("odd.csv"));
    writeFile(odd, "a,b,c\n1,2,3\n");
    wizard.setFilePath(odd);
    QVERIFY(!wizard.detectedKind());
    QVERIFY(!wizard.kind());
    QVERIFY(!wizard.currentPage()->isComplete());
    // The MLIT 1 km layout is recognised and selects its preset.
    widgets::SourcePreview open;
    open.text = true;
    open.header = QStringList{"mesh1kmid", "prefcode", "citycode", "year", "month", "dayflag", "timezone", "population"};
    QString preset;
    QCOMPARE(widgets::SourcePreviewReader::detectKind(open, &preset), io::ImportKind::MeshPopulation);
    QCOMPARE(preset, QStringLiteral("jp-1km-open-data"));
  }

  void aCp932FileIsDetectedAndItsPreviewShowsJapanese() {
    Fixture f;
    const QString file = f.path(QStringLiteral("vendor_sjis.csv"));
    std::string text = "メッシュコード,日付,時間,人口,性別\n";
    for (int h = 0; h < 3; ++h)
      for (const char* sex : {"男性", "女性"})
        text += "53393599111,2025-04-01," + std::to_string(h) + "," + std::to_string(50 + h) + "," + sex + "\n";
    const std::string sjis = toCp932(text);
    QVERIFY(!sjis.empty());
    QVERIFY(sjis != text);  // really CP932 bytes, not UTF-8
    writeFile(file, sjis);

    widgets::TaskManager tasks;
    ImportWizard wizard(f.project, &tasks);
    wizard.show();
    wizard.setFilePath(file);
    QVERIFY2(wizard.preview().ok(), qPrintable(wizard.preview().error));
    QCOMPARE(wizard.detectedKind(), io::ImportKind::MeshPopulation);  // from the Japanese header
    QCOMPARE(wizard.detectedEncodingLabel(), QStringLiteral("CP932 (Shift_JIS)"));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(ImportWizard::MappingPage));
    QTableWidget* table = wizard.previewTable();
    QCOMPARE(table->rowCount(), 6);
    QVERIFY(table->horizontalHeaderItem(0)->text().startsWith(QStringLiteral("メッシュコード")));
    QVERIFY(table->horizontalHeaderItem(0)->text().contains(QStringLiteral("mesh_code")));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("男性"));
    QCOMPARE(table->item(1, 4)->text(), QStringLiteral("女性"));
    QCOMPARE(wizard.column(QStringLiteral("mesh_code")), QStringLiteral("メッシュコード"));
    QCOMPARE(wizard.column(QStringLiteral("date")), QStringLiteral("日付"));
    QCOMPARE(wizard.column(QStringLiteral("hour")), QStringLiteral("時間"));
    QCOMPARE(wizard.column(QStringLiteral("population")), QStringLiteral("人口"));
    QVERIFY(wizard.currentPage()->isComplete());

    // Forcing UTF-8 cannot decode the file: the page says so and cannot be left.
    wizard.setEncoding(io::TextEncoding::Utf8);
    QVERIFY(!wizard.preview().ok());
    QVERIFY2(wizard.preview().error.contains(QStringLiteral("vendor_sjis.csv")), qPrintable(wizard.preview().error));
    QVERIFY(!wizard.currentPage()->isComplete());
    wizard.next();
    QCOMPARE(wizard.currentId(), int(ImportWizard::MappingPage));
    wizard.setEncoding(io::TextEncoding::Cp932);
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("男性"));
    QCOMPARE(wizard.column(QStringLiteral("population")), QStringLiteral("人口"));

    // Dry run, then import: the Japanese headers are mapped explicitly, 性別 is a breakdown.
    QVERIFY(validateAndWait(wizard));
    QCOMPARE(wizard.validationState(), RunState::Succeeded);
    QVERIFY2(wizard.validationReport().contains(QStringLiteral("Rows that would be imported: 6")),
             qPrintable(wizard.validationReport()));
    QCOMPARE(f.rows("mesh_population"), 0);  // the dry run did not write
    QSignalSpy imported(&wizard, &ImportWizard::imported);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(ImportWizard::ImportPage));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.importState() != RunState::Running, 60000);
    QCOMPARE(wizard.importState(), RunState::Succeeded);
    QCOMPARE(imported.count(), 1);
    QCOMPARE(f.rows("mesh_population"), 6);
    const store::Project project = store::Project::open(f.project.toStdString(), store::OpenMode::ReadOnly);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(ekm_test::sql(project), "SELECT label FROM population_breakdowns ORDER BY fid", -1, &st, nullptr);
    QStringList labels;
    while (sqlite3_step(st) == SQLITE_ROW) labels << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    QVERIFY2(labels.contains(QStringLiteral("性別=男性")) && labels.contains(QStringLiteral("性別=女性")),
             qPrintable(labels.join(QLatin1Char('|'))));
    // Both runs went through the window's task manager.
    QCOMPARE(tasks.taskIds().size(), 2);
    QVERIFY(tasks.info(tasks.taskIds().front())->title.startsWith(QStringLiteral("Check")));
    QVERIFY(tasks.info(tasks.taskIds().back())->title.startsWith(QStringLiteral("Import")));
  }

  void aBadValueIsReportedWithItsLineAndTheProjectIsUnchanged() {
    Fixture f;
    const QString good = f.path(QStringLiteral("good.csv"));
    writeFile(good, "mesh_code,date,hour,population\n" + meshRows(3));
    {
      store::Project project = store::Project::open(f.project.toStdString());
      io::importFile(project, io::ImportKind::MeshPopulation, good.toStdString(), {}, core::nullFeedback());
    }
    QCOMPARE(f.rows("mesh_population"), 6);
    // Line 1 is the header; line 5 has a population that is not a number.
    const QString bad = f.path(QStringLiteral("bad.csv"));
    writeFile(bad, "mesh_code,date,hour,population\n" + meshRows(3, 10) + "53393599111,2025-04-01,20,abc\n" +
                       meshRows(2, 21));

    ImportWizard wizard(f.project);
    wizard.show();
    wizard.setFilePath(bad);
    wizard.next();
    QVERIFY(validateAndWait(wizard));
    QCOMPARE(wizard.validationState(), RunState::Failed);
    const QString report = wizard.validationReport();
    QVERIFY2(report.contains(QStringLiteral("bad.csv:8")), qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("Column: population")), qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("Expected: a number")), qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("Found: abc")), qPrintable(report));
    QVERIFY(!wizard.currentPage()->isComplete());
    wizard.next();  // refused: the file does not validate
    QCOMPARE(wizard.currentId(), int(ImportWizard::ValidationPage));

    // Importing anyway fails in the same place: a dialog with the context, the project unchanged.
    QSignalSpy finished(&wizard, &ImportWizard::importFinished);
    wizard.importNow();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(wizard.importState(), RunState::Failed);
    QVERIFY(wizard.lastError());
    QCOMPARE(wizard.lastError()->context->line.value_or(0), 8);
    QCOMPARE(QString::fromStdString(wizard.lastError()->context->field), QStringLiteral("population"));
    QMessageBox* box = wizard.errorDialog();
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QVERIFY2(box->informativeText().contains(QStringLiteral("bad.csv:8")), qPrintable(box->informativeText()));
    QVERIFY(box->informativeText().contains(QStringLiteral("Column: population")));
    QVERIFY(box->informativeText().contains(QStringLiteral("Expected: a number")));
    QVERIFY(box->text().contains(QStringLiteral("unchanged")));
    box->close();
    QCOMPARE(f.rows("mesh_population"), 6);
    QCOMPARE(f.imports(), std::size_t(1));
  }

  void aGoodFileImportsAndADuplicateIsRefused() {
    Fixture f;
    const QString good = f.path(QStringLiteral("hours.csv"));
    writeFile(good, "mesh_code,date,hour,population\n" + meshRows(24));
    ImportWizard wizard(f.project);
    wizard.show();
    wizard.setFilePath(good);
    wizard.next();
    QVERIFY(validateAndWait(wizard));
    QCOMPARE(wizard.validationState(), RunState::Succeeded);
    QCOMPARE(wizard.validationOutcome()->result.rowsRead, 48);
    QCOMPARE(wizard.validationOutcome()->result.rowsStored, 48);
    QCOMPARE(wizard.validationOutcome()->tableRowsAfter, 48);
    QCOMPARE(f.rows("mesh_population"), 0);
    wizard.next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard.importState() != RunState::Running, 60000);
    QCOMPARE(wizard.importState(), RunState::Succeeded);
    QCOMPARE(f.rows("mesh_population"), 48);
    QCOMPARE(f.rows("mesh_cells"), 2);
    QVERIFY(wizard.currentPage()->isComplete());  // Finish

    // The same file again: the dry run says it was imported; forced, the keys collide.
    ImportWizard again(f.project);
    again.show();
    again.setFilePath(good);
    again.next();
    QVERIFY(validateAndWait(again));
    QCOMPARE(again.validationState(), RunState::Failed);
    QCOMPARE(again.lastError()->code, core::ErrorCode::Duplicate);
    QVERIFY2(again.validationReport().contains(QStringLiteral("already imported")), qPrintable(again.validationReport()));
    QCOMPARE(f.rows("mesh_population"), 48);
  }

  void vectorSegmentsAndStationsImport() {
    Fixture f;
    for (const auto& [file, table] : {std::pair{"road_segments.geojson", "road_segments"}, std::pair{"stations.csv", "stations"}}) {
      ImportWizard wizard(f.project);
      wizard.show();
      wizard.setFilePath(kSamples + QString::fromLatin1(file));
      wizard.next();
      QVERIFY(validateAndWait(wizard));
      QVERIFY2(wizard.validationState() == RunState::Succeeded, qPrintable(wizard.validationReport()));
      const std::int64_t expected = wizard.validationOutcome()->result.rowsStored;
      QVERIFY(expected > 0);
      QCOMPARE(f.rows(table), 0);
      wizard.next();
      QTRY_VERIFY_WITH_TIMEOUT(wizard.importState() != RunState::Running, 60000);
      QCOMPARE(wizard.importState(), RunState::Succeeded);
      QCOMPARE(f.rows(table), expected);
    }
    QCOMPARE(f.rows("stations"), 29);  // the rows of stations.csv
  }

  void cancellingAnImportLeavesTheProjectUnchanged() {
    Fixture f;
    widgets::TaskManager tasks;
    ImportWizard wizard(f.project, &tasks);
    wizard.show();
    wizard.setFilePath(kSamples + QStringLiteral("mesh_population.csv.gz"));
    wizard.next();
    QVERIFY(wizard.currentPage()->isComplete());
    QSignalSpy progress(&tasks, &widgets::TaskManager::taskProgress);
    QSignalSpy finished(&wizard, &ImportWizard::importFinished);
    wizard.importNow();
    // Cancel once the importer reports progress past the start (it is reading rows).
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(progress.begin(), progress.end(),
                                         [](const QList<QVariant>& a) { return a.at(1).toDouble() > 0; }),
                             60000);
    wizard.cancelRunning();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(wizard.importState(), RunState::Cancelled);
    QCOMPARE(f.rows("mesh_population"), 0);
    QCOMPARE(f.rows("mesh_cells"), 0);
    QCOMPARE(f.imports(), std::size_t(0));
  }

  // With EKM_IMPORT_BENCH_PROJECT=<gpkg> (e.g. the sample project): prints the cost of a dry
  // run vs the import of a small ridership file into a copy of it.
  // With EKM_WIZARD_SCREENSHOT_DIR=<dir> (under Xvfb) also saves the wizard's pages as PNGs.
  void timingsAndScreenshotsOnAProject() {
    const QString source = qEnvironmentVariable("EKM_IMPORT_BENCH_PROJECT");
    if (source.isEmpty()) QSKIP("set EKM_IMPORT_BENCH_PROJECT");
    const QString shots = qEnvironmentVariable("EKM_WIZARD_SCREENSHOT_DIR");
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("copy.gpkg"));
    QVERIFY(QFile::copy(source, project));
    std::string stationId;
    {
      const auto stations = store::Project::open(project.toStdString(), store::OpenMode::ReadOnly).stations();
      QVERIFY(!stations.empty());
      stationId = stations.front().stationId;
    }
    const QString csv = dir.filePath(QStringLiteral("ridership_2030.csv"));
    std::string rows = "station_id,date,hour,boardings,alightings\n";
    for (int d = 1; d <= 7; ++d)
      for (int h = 0; h < 24; ++h)
        rows += stationId + ",2030-01-0" + std::to_string(d) + "," + std::to_string(h) + "," + std::to_string(10 + h) +
                "," + std::to_string(12 + h) + "\n";
    writeFile(csv, rows);

    QElapsedTimer clock;

    widgets::TaskManager tasks;
    widgets::TasksPanel panel(&tasks);
    ImportWizard wizard(project, &tasks);
    wizard.resize(900, 640);
    wizard.show();
    wizard.setFilePath(csv);
    wizard.next();
    if (!shots.isEmpty()) QVERIFY(wizard.grab().save(shots + QStringLiteral("/wizard-mapping.png")));
    clock.start();
    QVERIFY(validateAndWait(wizard));
    const qint64 dryRunMs = clock.elapsed();
    QCOMPARE(wizard.validationState(), RunState::Succeeded);
    if (!shots.isEmpty()) QVERIFY(wizard.grab().save(shots + QStringLiteral("/wizard-validation.png")));
    const std::int64_t before = store::Project::open(project.toStdString(), store::OpenMode::ReadOnly).rowCount("station_ridership");
    clock.restart();
    wizard.next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard.importState() != RunState::Running, 120000);
    const qint64 importMs = clock.elapsed();
    QCOMPARE(wizard.importState(), RunState::Succeeded);
    const std::int64_t after = store::Project::open(project.toStdString(), store::OpenMode::ReadOnly).rowCount("station_ridership");
    QCOMPARE(after - before, 168);
    qInfo("168 ridership rows: dry run (a rolled-back import) %lld ms, import %lld ms", dryRunMs, importMs);
    if (shots.isEmpty()) return;
    QVERIFY(wizard.grab().save(shots + QStringLiteral("/wizard-import.png")));
    // A failing import: the error dialog.
    const QString bad = dir.filePath(QStringLiteral("bad_ridership.csv"));
    writeFile(bad, "station_id,date,hour,boardings,alightings\n" + stationId + ",2031-01-01,0,5,5\n" + stationId +
                       ",2031-01-01,1,-3,5\n");
    ImportWizard failing(project, &tasks);
    failing.resize(900, 640);
    failing.show();
    failing.setFilePath(bad);
    failing.next();
    QVERIFY(validateAndWait(failing));
    QVERIFY(failing.grab().save(shots + QStringLiteral("/wizard-validation-error.png")));
    QSignalSpy finished(&failing, &ImportWizard::importFinished);
    failing.importNow();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QVERIFY(failing.errorDialog());
    QTest::qWait(200);
    QVERIFY(failing.errorDialog()->grab().save(shots + QStringLiteral("/wizard-error-dialog.png")));
    panel.resize(420, 360);
    panel.show();
    QTest::qWait(200);
    QVERIFY(panel.grab().save(shots + QStringLiteral("/tasks-panel.png")));
  }

  void theMappingFileNamesTheChosenColumns() {
    widgets::ImportRequest request;
    request.options.preset = "default";
    request.options.encoding = "cp932";
    request.delimiter = '\t';
    request.columns = {{"mesh_code", "メッシュコード"}, {"population", "人口"}};
    const QJsonObject json = QJsonDocument::fromJson(QByteArray::fromStdString(widgets::mappingJson(request))).object();
    QCOMPARE(json.value(QStringLiteral("encoding")).toString(), QStringLiteral("cp932"));
    QCOMPARE(json.value(QStringLiteral("delimiter")).toString(), QStringLiteral("tab"));
    QCOMPARE(json.value(QStringLiteral("columns")).toObject().value(QStringLiteral("mesh_code")).toString(),
             QStringLiteral("メッシュコード"));
  }
};

QTEST_MAIN(TestImportWizard)
#include "test_import_wizard.moc"
