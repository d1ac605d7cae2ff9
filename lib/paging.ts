// The one shape of every paged list, management and integration alike: `{data, nextCursor}`, where
// nextCursor is null on the last page and otherwise goes back as `?cursor=` for the next one.
import { z } from "zod";

export const pageSchema = <Item extends z.ZodType>(item: Item) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const cursorSchema = z.string().min(1).max(100);
