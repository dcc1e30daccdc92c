#include "render/paper_size.h"

#include <QPageSize>
#include <QString>
#include <cmath>

namespace ekm::render {

std::optional<QSize> paperPixels(const std::string& name, double dpi) {
  if (!(dpi > 0)) return std::nullopt;
  QString key = QString::fromStdString(name).trimmed();
  bool portrait = false;
  for (const char* suffix : {"-portrait", "-landscape"})
    if (key.endsWith(QLatin1String(suffix), Qt::CaseInsensitive)) {
      portrait = QLatin1String(suffix) == QLatin1String("-portrait");
      key.chop(static_cast<int>(qstrlen(suffix)));
    }
  for (int id = 0; id <= QPageSize::LastPageSize; ++id) {
    const auto pageId = static_cast<QPageSize::PageSizeId>(id);
    if (pageId == QPageSize::Custom || QPageSize::key(pageId).compare(key, Qt::CaseInsensitive) != 0) continue;
    const QSizeF mm = QPageSize::size(pageId, QPageSize::Millimeter);
    const double a = mm.width() / 25.4 * dpi, b = mm.height() / 25.4 * dpi;
    const int longer = static_cast<int>(std::lround(std::max(a, b))), shorter = static_cast<int>(std::lround(std::min(a, b)));
    return portrait ? QSize(shorter, longer) : QSize(longer, shorter);
  }
  return std::nullopt;
}

}  // namespace ekm::render
