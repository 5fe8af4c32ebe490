import type { Badge } from '../../core/entities.ts';
import { Card } from '../components/index.ts';
import { SkillList } from './skill-list.tsx';

/** What a badge asks and teaches: its description, criteria and skills, as the issuer wrote them. */
export function BadgeAboutCard({
  badge,
}: {
  badge: Pick<Badge, 'description' | 'criteria' | 'tags'>;
}) {
  return (
    <Card title="About this badge" level={2}>
      <section aria-labelledby="badge-description" className="stack-sm">
        <h3 id="badge-description" className="subheading">
          Description
        </h3>
        <p className="prose pre-line">{badge.description}</p>
      </section>
      <section aria-labelledby="badge-criteria" className="stack-sm">
        <h3 id="badge-criteria" className="subheading">
          Criteria
        </h3>
        <p className="prose pre-line">{badge.criteria}</p>
      </section>
      <section aria-labelledby="badge-skills" className="stack-sm">
        <h3 id="badge-skills" className="subheading">
          Skills
        </h3>
        {badge.tags.length > 0 ? (
          <SkillList tags={badge.tags} />
        ) : (
          <p className="text-muted">No skills listed.</p>
        )}
      </section>
    </Card>
  );
}
