"use client";
// The scopes matrix: one row per resource, one column per action, plus "All" per row. Built from the
// permission tables in lib/permissions.ts. Permissions the user does not hold are disabled, with why.
import { useEffect, useRef } from "react";
import { ACTIONS, RESOURCES, type Action, type Permission, type Resource } from "@/lib/permissions";

const ACTION_LABEL: Record<Action, string> = { read: "Read", create: "Create", update: "Update", delete: "Delete" };

function Checkbox({
  checked,
  indeterminate = false,
  disabled,
  label,
  describedBy,
  onChange,
  testId,
}: {
  checked: boolean;
  indeterminate?: boolean;
  disabled?: boolean;
  label: string;
  describedBy?: string;
  onChange: (checked: boolean) => void;
  testId?: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="size-4 rounded border-slate-400 text-indigo-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-40"
      checked={checked}
      aria-checked={indeterminate ? "mixed" : checked}
      disabled={disabled}
      aria-label={label}
      aria-describedby={describedBy}
      data-testid={testId}
      onChange={(event) => onChange(event.target.checked)}
    />
  );
}

export function ScopeMatrix({
  value,
  onChange,
  held,
  roleLabel,
  invalid,
  describedBy,
}: {
  value: Set<Permission>;
  onChange: (next: Set<Permission>) => void;
  held: Set<Permission>;
  roleLabel: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const toggle = (permissions: Permission[], on: boolean) => {
    const next = new Set(value);
    for (const permission of permissions) {
      if (!held.has(permission)) continue;
      if (on) next.add(permission);
      else next.delete(permission);
    }
    onChange(next);
  };
  const rowOf = (resource: Resource) => ACTIONS.map((action) => `${resource}:${action}` as Permission);
  const columnOf = (action: Action) => RESOURCES.map((resource) => `${resource.id}:${action}` as Permission);
  const stateOf = (permissions: Permission[]) => {
    const grantable = permissions.filter((permission) => held.has(permission));
    const chosen = grantable.filter((permission) => value.has(permission)).length;
    return {
      all: grantable.length > 0 && chosen === grantable.length,
      some: chosen > 0 && chosen < grantable.length,
      none: grantable.length === 0,
    };
  };
  const missingActions = ACTIONS.filter((action) => columnOf(action).every((permission) => !held.has(permission)));

  return (
    <div>
      <div className={`overflow-x-auto rounded-md ring-1 ${invalid ? "ring-red-500" : "ring-slate-200"}`}>
        <table className="min-w-full text-sm" aria-describedby={describedBy}>
          <caption className="sr-only">Scopes: choose what this key may do to each kind of resource</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">
                Resource
              </th>
              {ACTIONS.map((action) => {
                const state = stateOf(columnOf(action));
                return (
                  <th key={action} scope="col" className="px-3 py-2 text-center font-semibold text-slate-700">
                    <span className="flex flex-col items-center gap-1">
                      <span>{ACTION_LABEL[action]}</span>
                      <Checkbox
                        label={`${ACTION_LABEL[action]}: all resources`}
                        checked={state.all}
                        indeterminate={state.some}
                        disabled={state.none}
                        describedBy={state.none ? "scope-missing-reason" : undefined}
                        onChange={(on) => toggle(columnOf(action), on)}
                        testId={`scope-column-${action}`}
                      />
                    </span>
                  </th>
                );
              })}
              <th scope="col" className="px-3 py-2 text-center font-semibold text-slate-700">
                All
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {RESOURCES.map((resource) => {
              const row = stateOf(rowOf(resource.id));
              return (
                <tr key={resource.id}>
                  <th scope="row" className="px-3 py-2 text-left font-medium text-slate-800">
                    {resource.label}
                  </th>
                  {ACTIONS.map((action) => {
                    const permission = `${resource.id}:${action}` as Permission;
                    const allowed = held.has(permission);
                    return (
                      <td key={action} className="px-3 py-2 text-center">
                        <Checkbox
                          label={`${resource.label}: ${ACTION_LABEL[action]}`}
                          checked={value.has(permission)}
                          disabled={!allowed}
                          describedBy={allowed ? undefined : "scope-missing-reason"}
                          onChange={(on) => toggle([permission], on)}
                          testId={`scope-${permission}`}
                        />
                      </td>
                    );
                  })}
                  <td className="px-3 py-2 text-center">
                    <Checkbox
                      label={`${resource.label}: All`}
                      checked={row.all}
                      indeterminate={row.some}
                      onChange={(on) => toggle(rowOf(resource.id), on)}
                      testId={`scope-${resource.id}:all`}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {missingActions.length > 0 ? (
        <p id="scope-missing-reason" className="mt-2 text-xs text-slate-600">
          Your role ({roleLabel}) cannot {missingActions.map((action) => ACTION_LABEL[action].toLowerCase()).join(" or ")}; a key
          can never do more than its creator.
        </p>
      ) : null}
    </div>
  );
}
