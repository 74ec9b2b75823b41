import { useLang } from '../../i18n';
import type { Role } from '../../session';
import { roleWords } from './roles';

/** A select of roles in words; used inside a Field, which gives its id. */
export function RoleSelect(props: { id: string; roles: readonly Role[]; value: Role; onChange: (role: Role) => void }) {
  const lang = useLang();
  return (
    <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as Role)}>
      {props.roles.map((r) => (
        <option key={r} value={r}>
          {roleWords(r, lang)}
        </option>
      ))}
    </select>
  );
}
