import { awsError } from '../errors';
import { isPlainObject } from '../objects';
import { FakeS3 } from '../s3';
import { referencedNames } from './intrinsics';

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
}

export interface TemplateOutput {
  Value: unknown;
  Description?: string;
  Export?: { Name: unknown };
}

export interface TemplateParameter {
  Type: string;
  Default?: unknown;
  Description?: string;
}

export interface Template {
  Description?: string;
  Parameters?: Record<string, TemplateParameter>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, TemplateOutput>;
}

export const validationError = (message: string) => awsError('ValidationError', message, 400);

/** The template of a createStack/updateStack/validateTemplate call: its body and parsed form. */
export function loadTemplate(
  params: { TemplateBody?: string; TemplateURL?: string },
  s3: FakeS3,
): { body: string; template: Template } {
  const body =
    params.TemplateBody ?? (params.TemplateURL && readTemplateUrl(params.TemplateURL, s3));
  if (!body) throw validationError('Either Template URL or Template Body must be specified.');
  return { body, template: parseTemplate(body) };
}

/** Which capabilities creating this template's resources requires. */
export function requiredCapabilities(template: Template): string[] {
  const iam = Object.values(template.Resources).filter((r) => r.Type.startsWith('AWS::IAM::'));
  if (iam.length === 0) return [];
  const named = iam.some(
    (r) => r.Properties && ('RoleName' in r.Properties || 'ManagedPolicyName' in r.Properties),
  );
  return [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'];
}

function readTemplateUrl(url: string, s3: FakeS3): string {
  const location = s3Location(url);
  if (!location) throw validationError('TemplateURL must be a supported URL.');
  const object = s3.getObjectDirectly(location.bucket, location.key);
  if (!object) throw validationError('S3 error: The specified key does not exist.');
  return object.Body.toString('utf8');
}

/** Path-style (https://s3.amazonaws.com/bucket/key) or virtual-hosted (https://bucket.s3...). */
function s3Location(url: string): { bucket: string; key: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const path = decodeURIComponent(parsed.pathname.slice(1));
  const host = parsed.hostname;
  if (/^s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/.test(host)) {
    const slash = path.indexOf('/');
    return slash > 0 ? { bucket: path.slice(0, slash), key: path.slice(slash + 1) } : undefined;
  }
  const virtual = /^(.+?)\.s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/.exec(host);
  return virtual ? { bucket: virtual[1], key: path } : undefined;
}

function parseTemplate(body: string): Template {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw validationError('Template format error: JSON not well-formed.');
  }
  if (
    !isPlainObject(parsed) ||
    !isPlainObject(parsed.Resources) ||
    Object.keys(parsed.Resources).length === 0
  ) {
    throw validationError('Template format error: At least one Resources member must be defined.');
  }
  const template = parsed as unknown as Template;
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (!isPlainObject(resource) || typeof resource.Type !== 'string') {
      throw validationError(
        `Template format error: [/Resources/${logicalId}] Every Resources object must contain a Type member.`,
      );
    }
  }
  checkReferences(template);
  return template;
}

/** Every Ref/GetAtt/DependsOn must name a resource, a parameter or a pseudo parameter. */
function checkReferences(template: Template): void {
  const known = new Set([
    ...Object.keys(template.Resources),
    ...Object.keys(template.Parameters ?? {}),
  ]);
  const names = referencedNames([template.Resources, template.Outputs ?? {}]);
  for (const resource of Object.values(template.Resources)) {
    for (const dependency of [resource.DependsOn ?? []].flat()) names.add(dependency);
  }
  const unresolved = [...names].filter((name) => !known.has(name) && !name.startsWith('AWS::'));
  if (unresolved.length > 0) {
    throw validationError(
      `Template format error: Unresolved resource dependencies [${unresolved.join(', ')}] in the Resources block of the template`,
    );
  }
}
