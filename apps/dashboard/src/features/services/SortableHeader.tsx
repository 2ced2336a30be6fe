import { Swatch } from "../../components/CodeLabel.js";
import { seriesColor } from "../../lib/codes.js";
import type { Column } from "./columns.js";
import type { Sort, SortKey } from "./sorting.js";

interface SortableHeaderProps {
  column: Column;
  sort: Sort;
  onSort: (key: SortKey) => void;
}

/**
 * A column header that sorts: a real button (keyboard, screen readers) inside
 * a `<th>` whose aria-sort names the current order. Only the sorted column
 * carries aria-sort, as the ARIA practices recommend.
 */
export function SortableHeader({ column, sort, onSort }: SortableHeaderProps) {
  const active = sort.key === column.key;
  const ariaSort = active ? (sort.direction === "asc" ? "ascending" : "descending") : undefined;
  return (
    <th scope="col" className={column.numeric ? "num" : undefined} aria-sort={ariaSort}>
      <button
        type="button"
        className={active ? "sort-button is-sorted" : "sort-button"}
        title={column.description}
        onClick={() => onSort(column.key)}
      >
        {column.series ? <Swatch color={seriesColor(column.series)} /> : null}
        <span>{column.label}</span>
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.direction === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}
