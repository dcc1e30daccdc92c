#include "flow/comparison_model.h"

#include <QLocale>
#include <QSaveFile>
#include <QTextStream>
#include <algorithm>
#include <cmath>

namespace ekm::widgets {

ComparisonTableModel::ComparisonTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ComparisonTableModel::setComparisons(std::vector<flow::Comparison> rows) {
  beginResetModel();
  m_rows = std::move(rows);
  endResetModel();
}

int ComparisonTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}
int ComparisonTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

double ComparisonTableModel::number(const flow::Comparison& c, int column) const {
  switch (column) {
    case MeanA: return c.meanA;
    case MeanB: return c.meanB;
    case Change: return c.absChange;
    case PercentChange: return 100.0 * c.relChange;
    case PValue: return c.pValue;
    case Significant: return c.significant ? 1.0 : 0.0;
    default: return std::nan("");
  }
}

QVariant ComparisonTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const flow::Comparison& c = m_rows[static_cast<std::size_t>(index.row())];
  const int col = index.column();
  if (role == Qt::DisplayRole) {
    if (col == Code) return QString::fromStdString(c.feature);
    if (col == Significant) return c.significant ? tr("yes") : tr("no");
    const double v = number(c, col);
    if (!std::isfinite(v)) return QStringLiteral("–");
    const QLocale locale;
    switch (col) {
      case PercentChange: return locale.toString(v, 'f', 1) + QStringLiteral(" %");
      case PValue: return v < 0.001 ? QStringLiteral("< 0.001") : locale.toString(v, 'f', 3);
      default: return locale.toString(v, 'f', 0);
    }
  }
  if (role == Qt::UserRole) return col == Code ? QVariant(QString::fromStdString(c.feature)) : QVariant(number(c, col));
  if (role == Qt::TextAlignmentRole)
    return col == Code ? QVariant(Qt::AlignLeft | Qt::AlignVCenter) : QVariant(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

QVariant ComparisonTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case Code: return tr("Mesh code");
    case MeanA: return tr("Mean A");
    case MeanB: return tr("Mean B");
    case Change: return tr("Change");
    case PercentChange: return tr("% change");
    case PValue: return tr("p-value");
    case Significant: return tr("Significant");
    default: return {};
  }
}

void ComparisonTableModel::sort(int column, Qt::SortOrder order) {
  emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
  const QModelIndexList before = persistentIndexList();
  std::vector<std::string> keys;
  for (const QModelIndex& i : before) keys.push_back(m_rows[static_cast<std::size_t>(i.row())].feature);
  const bool asc = order == Qt::AscendingOrder;
  std::stable_sort(m_rows.begin(), m_rows.end(), [&](const flow::Comparison& a, const flow::Comparison& b) {
    if (column == Code) return asc ? a.feature < b.feature : b.feature < a.feature;
    const double x = number(a, column), y = number(b, column);
    const bool xn = !std::isfinite(x), yn = !std::isfinite(y);
    if (xn || yn) return !xn && yn;  // missing last in both orders
    return asc ? x < y : y < x;
  });
  QModelIndexList after;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const auto& c) { return c.feature == keys[k]; });
    after << index(static_cast<int>(it - m_rows.begin()), before[static_cast<qsizetype>(k)].column());
  }
  changePersistentIndexList(before, after);
  emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QString ComparisonTableModel::toCsv() const {
  QString out = QStringLiteral("mesh_code,mean_a,mean_b,change,pct_change,p_value,significant\n");
  auto num = [](double v, int decimals) { return std::isfinite(v) ? QString::number(v, 'f', decimals) : QString(); };
  for (const flow::Comparison& c : m_rows) {
    QString code = QString::fromStdString(c.feature);
    if (code.contains(QLatin1Char(',')) || code.contains(QLatin1Char('"')))
      code = QLatin1Char('"') + code.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    out += code + QLatin1Char(',') + num(c.meanA, 3) + QLatin1Char(',') + num(c.meanB, 3) + QLatin1Char(',') +
           num(c.absChange, 3) + QLatin1Char(',') + num(100.0 * c.relChange, 3) + QLatin1Char(',') +
           (std::isfinite(c.pValue) ? QString::number(c.pValue, 'g', 6) : QString()) + QLatin1Char(',') +
           (c.significant ? QStringLiteral("1") : QStringLiteral("0")) + QLatin1Char('\n');
  }
  return out;
}

bool ComparisonTableModel::writeCsv(const QString& path, QString* error) const {
  QSaveFile file(path);  // atomic: all or nothing
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
    if (error) *error = file.errorString();
    return false;
  }
  const QByteArray bytes = toCsv().toUtf8();
  if (file.write(bytes) != bytes.size() || !file.commit()) {
    if (error) *error = file.errorString();
    return false;
  }
  return true;
}

}  // namespace ekm::widgets
