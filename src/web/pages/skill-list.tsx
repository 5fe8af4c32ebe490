/** A badge's skills as small tags; `max` shows the first few and how many more there are. */
export function SkillList({ tags, max }: { tags: readonly string[]; max?: number }) {
  if (tags.length === 0) return null;
  const shown = max === undefined ? tags : tags.slice(0, max);
  return (
    <ul className="tag-list" aria-label="Skills">
      {shown.map((t) => (
        <li key={t} className="tag">
          {t}
        </li>
      ))}
      {tags.length > shown.length ? (
        <li className="tag tag--more">+{tags.length - shown.length} more</li>
      ) : null}
    </ul>
  );
}
