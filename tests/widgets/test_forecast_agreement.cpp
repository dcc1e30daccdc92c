// QtTest (offscreen): the Forecast dock and `ekimachi-cli forecast` give the same forecast for
// the same cell, model and horizon on a small sample district, with the project's weather
// (the sample's weather.csv) and events (an events.csv written here) beside the project: both
// read them with flow::readExogenousInputs(flow::projectExogenousFiles(...)). The same project
// without those files forecasts differently, so the agreement is about the inputs.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "ekm/flow/forecast.h"
#include "flow/forecast_dock.h"
#include "main/main_window.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

using namespace ekm;

namespace {

const char* kCell = "53393569141";  // the 1/8 mesh cell of Takanawa Gateway station

// The CLI's 7-day regression forecast of kCell, as JSON.
nlohmann::json cliForecast(const std::string& project) {
  const auto r = ekm_test::cliArgs({"forecast", "--project", project, "--cell", kCell, "--model",
                                    "regression", "--horizon", "7", "--format", "json", "--quiet"});
  if (r.exitCode != 0) return {{"error", r.err}};
  return nlohmann::json::parse(r.out)["forecasts"][0];
}

}  // namespace

class TestForecastAgreement : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  std::string m_project;

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    const std::string dir = QFile::encodeName(m_dir.path()).toStdString();
    const auto sample = ekm_test::cliArgs({"sample", "--out", dir, "--seed", "1", "--from", "2025-02-01",
                                           "--to", "2025-04-20", "--radius", "300", "--quiet"});
    QVERIFY2(sample.exitCode == 0, sample.err.c_str());
    m_project = dir + "/sample.gpkg";
    QVERIFY(std::filesystem::exists(dir + "/weather.csv"));
    ekm_test::writeFile(dir + "/events.csv",
                        "label,from,to\nfestival,2025-03-29,2025-03-30\nfestival,2025-04-19,2025-04-20\n");
  }

  void dockAndCliAgreeWithTheProjectsWeatherAndEvents() {
    const nlohmann::json cli = cliForecast(m_project);
    QVERIFY2(!cli.contains("error"), cli.dump().c_str());

    widgets::MainWindow window;
    window.setPersistLayout(false);
    window.resize(1000, 700);
    window.show();
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);
    window.openProject(QFile::decodeName(m_project.c_str()));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
    widgets::ForecastDock* dock = window.forecastDock();
    dock->setFeature(flow::FeatureKind::Cell, QString::fromLatin1(kCell));
    dock->setModel(flow::ForecastModel::Regression);
    dock->setHorizonDays(7);
    QSignalSpy done(dock, &widgets::ForecastDock::runFinished);
    dock->run();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 120000);
    QCOMPARE(done.at(0).at(0).value<widgets::ForecastDock::RunStatus>(),
             widgets::ForecastDock::RunStatus::Completed);
    QVERIFY(dock->lastForecast().has_value());
    const flow::Forecast& f = *dock->lastForecast();

    // The CLI rounds to hundredths.
    const auto& hours = cli["hours"];
    QCOMPARE(static_cast<std::size_t>(hours.size()), f.mean.size());
    QCOMPARE(f.mean.size(), std::size_t(7 * 24));
    QCOMPARE(cli["training_hours"].get<std::size_t>(), f.trainingHours);
    for (std::size_t i = 0; i < f.mean.size(); ++i) {
      QVERIFY2(std::abs(hours[i]["forecast"].get<double>() - f.mean.values[i]) <= 0.0051,
               qPrintable(QStringLiteral("hour %1: CLI %2, dock %3")
                              .arg(i)
                              .arg(hours[i]["forecast"].get<double>())
                              .arg(f.mean.values[i])));
      QVERIFY(std::abs(hours[i]["lo80"].get<double>() - f.intervals[0].low[i]) <= 0.0051);
      QVERIFY(std::abs(hours[i]["hi95"].get<double>() - f.intervals[1].high[i]) <= 0.0051);
    }

    // Without the weather and events files the same project forecasts differently.
    const ekm_test::TempDir bare("forecast_bare");
    std::filesystem::copy_file(m_project, bare / "sample.gpkg");
    const nlohmann::json plain = cliForecast(bare.str("sample.gpkg"));
    QVERIFY2(!plain.contains("error"), plain.dump().c_str());
    double largest = 0;
    for (std::size_t i = 0; i < f.mean.size(); ++i)
      largest = std::max(largest, std::abs(plain["hours"][i]["forecast"].get<double>() - f.mean.values[i]));
    QVERIFY2(largest > 0.5,
             qPrintable(QStringLiteral("largest difference without the inputs: %1").arg(largest)));
  }
};

QTEST_MAIN(TestForecastAgreement)
#include "test_forecast_agreement.moc"
