// ChartPanel::exportTo (chart_panel.h): the chart's scene painted onto a QImage (PNG),
// a QSvgGenerator (SVG) or a QPdfWriter (PDF), at the requested size.
#include <QApplication>
#include <QCoreApplication>
#include <QChart>
#include <QChartView>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include "charts/chart_panel.h"

namespace ekm::widgets {

// ChartPanel's translations are spelled out with QCoreApplication::translate: this file is
// built apart from the class's moc output (widgets/CMakeLists.txt).

QStringList ChartPanel::exportFilters() {
  return {QCoreApplication::translate("ekm::widgets::ChartPanel", "PNG image (*.png)"),
          QCoreApplication::translate("ekm::widgets::ChartPanel", "SVG drawing (*.svg)"),
          QCoreApplication::translate("ekm::widgets::ChartPanel", "PDF document (*.pdf)")};
}

QString ChartPanel::title() const { return m_chart->title(); }

bool ChartPanel::exportTo(const QString& path, QSize size, QString* error) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  const auto fail = [&](const QString& why) {
    if (error) *error = why;
    return false;
  };
  if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf"))
    return fail(QCoreApplication::translate("ekm::widgets::ChartPanel", "Unknown chart format \"%1\": use .png, .svg or .pdf").arg(suffix));
  if (!size.isValid() || size.isEmpty()) size = m_view->isVisible() ? m_view->viewport()->size() : QSize(900, 520);

  // Lay the chart out at the export size, paint its scene area, then give it back its size.
  const QSizeF shown = m_chart->size();
  m_chart->resize(size);
  QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  const QRectF source = m_chart->sceneBoundingRect();
  const auto paint = [&](QPainter& painter, const QRectF& target) {
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    m_chart->scene()->render(&painter, target, source);
  };
  bool ok = true;
  QString why;
  if (suffix == QLatin1String("png")) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
      QPainter painter(&image);
      paint(painter, QRectF(QPointF(0, 0), QSizeF(size)));
    }
    QSaveFile file(path);
    ok = file.open(QIODevice::WriteOnly) && image.save(&file, "PNG") && file.commit();
    if (!ok) why = file.errorString();
  } else if (suffix == QLatin1String("svg")) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(m_chart->title());
    svg.setDescription(QCoreApplication::translate("ekm::widgets::ChartPanel", "Ekimachi chart"));
    QPainter painter;
    ok = painter.begin(&svg);
    if (ok) {
      painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
      paint(painter, QRectF(QPointF(0, 0), QSizeF(size)));
      ok = painter.end();
    }
    if (!ok) why = QCoreApplication::translate("ekm::widgets::ChartPanel", "cannot write %1").arg(path);
  } else {
    QPdfWriter pdf(path);
    pdf.setResolution(96);
    pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Unit(QPageSize::Point), QString(), QPageSize::ExactMatch));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle(m_chart->title());
    pdf.setCreator(QStringLiteral("Ekimachi"));
    QPainter painter;
    ok = painter.begin(&pdf);
    if (ok) {
      const QRectF page(0, 0, pdf.width(), pdf.height());
      painter.fillRect(page, Qt::white);
      paint(painter, page);
      ok = painter.end();
    }
    if (!ok) why = QCoreApplication::translate("ekm::widgets::ChartPanel", "cannot write %1").arg(path);
  }
  m_chart->resize(shown);
  QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  return ok ? true : fail(why);
}

}  // namespace ekm::widgets
