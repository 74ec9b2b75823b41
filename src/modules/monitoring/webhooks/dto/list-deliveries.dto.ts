import { PageQueryDto } from '../../../../common/pagination/page';

/** The delivery log, newest first: limit and cursor only. */
export class ListDeliveriesDto extends PageQueryDto {}
