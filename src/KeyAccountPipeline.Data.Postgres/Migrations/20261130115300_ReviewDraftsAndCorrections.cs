using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyAccountPipeline.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReviewDraftsAndCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsChangeId",
                table: "CheckpointChanges",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewDrafts",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Document = table.Column<string>(type: "text", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewDrafts", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_ReviewDrafts_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CheckpointChanges_CorrectsChangeId",
                table: "CheckpointChanges",
                column: "CorrectsChangeId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewDrafts");

            migrationBuilder.DropIndex(
                name: "IX_CheckpointChanges_CorrectsChangeId",
                table: "CheckpointChanges");

            migrationBuilder.DropColumn(
                name: "CorrectsChangeId",
                table: "CheckpointChanges");
        }
    }
}
