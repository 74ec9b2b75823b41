import type { ComponentChildren } from 'preact';
import { useId, useRef } from 'preact/hooks';

export interface TabItem<K extends string> {
  key: K;
  label: string;
}

/**
 * WAI-ARIA tabs: a tablist of buttons (arrow keys, Home and End move between them) and the one panel that shows.
 * Only the selected tab is in the Tab order, as the pattern asks.
 */
export function Tabs<K extends string>(props: {
  label: string;
  tabs: TabItem<K>[];
  selected: K;
  onSelect: (key: K) => void;
  children: ComponentChildren;
}) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const index = props.tabs.findIndex((t) => t.key === props.selected);

  const move = (e: KeyboardEvent) => {
    const last = props.tabs.length - 1;
    const next =
      e.key === 'ArrowRight'
        ? (index + 1) % (last + 1)
        : e.key === 'ArrowLeft'
          ? (index + last) % (last + 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : -1;
    if (next < 0) return;
    e.preventDefault();
    props.onSelect(props.tabs[next].key);
    list.current?.querySelectorAll<HTMLButtonElement>('[role=tab]')[next]?.focus();
  };

  return (
    <div class="tabs">
      <div class="tablist" role="tablist" aria-label={props.label} ref={list} onKeyDown={move}>
        {props.tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`${base}-tab-${t.key}`}
            aria-selected={t.key === props.selected}
            aria-controls={`${base}-panel`}
            tabIndex={t.key === props.selected ? 0 : -1}
            onClick={() => props.onSelect(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${props.selected}`} class="tabpanel">
        {props.children}
      </div>
    </div>
  );
}
